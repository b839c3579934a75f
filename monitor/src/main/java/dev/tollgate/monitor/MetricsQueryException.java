package dev.tollgate.monitor;

/** A call to Azure Monitor or ARM failed; {@code status} is the HTTP status, 0 when none came. */
public class MetricsQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public MetricsQueryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
