package dev.tollgate.loganalytics;

/**
 * The query ran out of time: the service gave up (HTTP 504 {@code GatewayTimeout}, or 408) or no
 * answer came within the client's response timeout. Narrow the query's range or raise the server
 * timeout (at most 10 minutes).
 */
public class LogsQueryTimeoutException extends LogsQueryException {
  private static final long serialVersionUID = 1L;

  public LogsQueryTimeoutException(String message, int statusCode, Throwable cause) {
    super(message, statusCode, cause);
  }
}
