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

  public static final Outcome NONE = builder().build();

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

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Outcome} by name. */
  public static final class Builder {
    private Integer statusCode;
    private ErrorType errorType;
    private List<String> contentFilter;
    private List<String> finishReasons;
    private Long durationMs;
    private Long backendMs;

    private Builder() {}

    public Builder statusCode(Integer v) {
      statusCode = v;
      return this;
    }

    public Builder errorType(ErrorType v) {
      errorType = v;
      return this;
    }

    public Builder contentFilter(List<String> v) {
      contentFilter = v;
      return this;
    }

    public Builder finishReasons(List<String> v) {
      finishReasons = v;
      return this;
    }

    public Builder durationMs(Long v) {
      durationMs = v;
      return this;
    }

    public Builder backendMs(Long v) {
      backendMs = v;
      return this;
    }

    public Outcome build() {
      return new Outcome(
          statusCode, errorType, contentFilter, finishReasons, durationMs, backendMs);
    }
  }
}
