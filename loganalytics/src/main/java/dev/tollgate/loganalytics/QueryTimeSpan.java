package dev.tollgate.loganalytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time span a logs query covers, {@code [start, end)}, sent to the service as the request's
 * {@code timespan}: the service never reads rows outside it, whatever the query text says.
 */
public record QueryTimeSpan(Instant start, Instant end) {
  public QueryTimeSpan {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("time span end " + end + " is not after start " + start);
    }
  }

  /** The span of the given length that ends at {@code end}. */
  public static QueryTimeSpan endingAt(Instant end, Duration length) {
    return new QueryTimeSpan(end.minus(length), end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
