package dev.tollgate.loganalytics;

/**
 * A logs query failed: the service refused it (a KQL error, a missing table, no access) or could
 * not be reached. {@link #statusCode()} is the HTTP status when the service answered, else 0.
 */
public class LogsQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public LogsQueryException(String message, int statusCode, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  public int statusCode() {
    return statusCode;
  }
}
