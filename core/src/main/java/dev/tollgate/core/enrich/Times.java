package dev.tollgate.core.enrich;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Lenient ISO-8601 parsing: 0 to 9 fraction digits, with or without an offset (UTC assumed). */
public final class Times {
  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private Times() {}

  public static Instant parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    Instant fast = utc(s);
    if (fast != null) {
      return fast;
    }
    try {
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              s.strip(), OffsetDateTime::from, LocalDateTime::from);
      if (t instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The shape APIM writes, {@code yyyy-MM-ddTHH:mm:ss[.f]Z} with 1 to 9 fraction digits, read
   * without the formatter (which cost several percent of the enrichment time, bench/README.md).
   * Anything else, or any doubt, returns null and goes to the formatter.
   */
  private static Instant utc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nano = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int f = digits(s, 20, n - 1);
      if (f < 0) {
        return null;
      }
      nano = f * NANOS_PER_DIGIT[fraction - 1];
    }
    if (year < 1
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(ZoneOffset.UTC);
  }

  /** The decimal value of s[from, to), or -1 if any character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
