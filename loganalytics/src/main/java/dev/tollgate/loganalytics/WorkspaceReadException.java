package dev.tollgate.loganalytics;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A cost report could not read its records from the workspace: Log Analytics throttled the query,
 * ran out of time, or refused it. The report is not built (an incomplete month would read as less
 * spend); the message says which range failed, how much was read before, and what to do.
 */
public final class WorkspaceReadException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the read stopped. */
  public enum Reason {
    /** HTTP 429: try again after {@link #retryAfter()}. */
    THROTTLED,
    /** The query ran out of time on the service or in the client. */
    TIMED_OUT,
    /** Any other failure: bad KQL, no access, network, authentication. */
    FAILED
  }

  private final Reason reason;
  private final transient Duration retryAfter;

  WorkspaceReadException(String message, Reason reason, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /** What the service's Retry-After asked for, when throttled. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
