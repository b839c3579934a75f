package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * .NET ticks (100 ns since 0001-01-01T00:00:00Z), as Azure OpenAI's resource logs write {@code
 * requestTime} and {@code responseTime}. Read exactly: a tick count (about 6.4e17) is beyond what a
 * double holds to the tick.
 */
public final class Ticks {
  /** Ticks from 0001-01-01 to 1970-01-01. */
  static final long UNIX_EPOCH = 621_355_968_000_000_000L;

  /** Years 2000 and 2200, in ticks: anything outside is not a timestamp of a call. */
  private static final long MIN = 630_822_816_000_000_000L;

  private static final long MAX = 693_937_152_000_000_000L;

  private Ticks() {}

  /** The tick count of a number or numeric string; null when absent, fractional or implausible. */
  public static Long of(JsonNode v) {
    if (v == null) {
      return null;
    }
    Long t = null;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      t = v.asLong();
    } else if (v.isTextual()) {
      try {
        t = new BigDecimal(v.asText().strip()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
    return t == null || t < MIN || t > MAX ? null : t;
  }

  public static Instant toInstant(long ticks) {
    long sinceEpoch = ticks - UNIX_EPOCH;
    return Instant.ofEpochSecond(
        Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
  }

  /** Whole milliseconds from start to end, null when either is unknown or end is before start. */
  public static Long millisBetween(Long start, Long end) {
    if (start == null || end == null || end < start) {
      return null;
    }
    return (end - start) / 10_000L;
  }
}
