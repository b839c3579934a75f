package dev.tollgate.loganalytics;

import java.time.Duration;
import java.util.Optional;

/**
 * The service throttled the query (HTTP 429). {@link #retryAfter()} is what its {@code Retry-After}
 * header asked for, when it sent one.
 */
public class LogsQueryThrottledException extends LogsQueryException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public LogsQueryThrottledException(String message, Duration retryAfter, Throwable cause) {
    super(message, 429, cause);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
