package dev.tollgate.monitor;

import java.time.Duration;

/** Azure Monitor answered 429; {@code retryAfter} is its Retry-After, null when it gave none. */
public final class MetricsThrottledException extends MetricsQueryException {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  public MetricsThrottledException(String message, Duration retryAfter, Throwable cause) {
    super(message, 429, cause);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
