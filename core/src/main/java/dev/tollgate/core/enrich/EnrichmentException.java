package dev.tollgate.core.enrich;

/** A record that cannot be enriched; {@code reason} is a stable code for the dead-letter output. */
public final class EnrichmentException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public EnrichmentException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
