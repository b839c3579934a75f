package dev.tollgate.otel;

/**
 * An OTLP export that failed or was not confirmed in time. The run's input can be handed over
 * again: measurements already held or sent are not counted twice (see {@link OtlpSink}).
 */
public class OtlpExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OtlpExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
