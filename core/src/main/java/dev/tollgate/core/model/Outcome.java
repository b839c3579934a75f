package dev.tollgate.core.model;

import java.util.List;

/**
 * How the call ended: status, error class, content-filter categories that fired (as {@code
 * prompt.hate} or {@code completion.violence}), finish reasons, and where the time went.
 */
public record Outcome(
    Integer statusCode,
    ErrorType errorType,
    List<String> contentFilter,
    List<String> finishReasons,
    Long durationMs,
    Long backendMs) {

  public Outcome {
    contentFilter = contentFilter == null ? List.of() : List.copyOf(contentFilter);
    finishReasons = finishReasons == null ? List.of() : List.copyOf(finishReasons);
  }

  /** Time spent in the gateway itself, when both figures are known. */
  public Long gatewayMs() {
    if (durationMs == null || backendMs == null || backendMs > durationMs) {
      return null;
    }
    return durationMs - backendMs;
  }
}
