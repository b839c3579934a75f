package dev.tollgate.core.model;

/**
 * Token counts of one call. Cached input is part of input and reasoning is part of output, as Azure
 * OpenAI reports them. Any count may be null when unknown.
 */
public record TokenUsage(
    Long inputTokens,
    Long outputTokens,
    Long cachedInputTokens,
    Long reasoningTokens,
    UsageSource source) {

  public static final TokenUsage NONE = new TokenUsage(null, null, null, null, UsageSource.NONE);

  public boolean hasTokens() {
    return inputTokens != null || outputTokens != null;
  }

  public long inputOrZero() {
    return inputTokens == null ? 0 : inputTokens;
  }

  public long outputOrZero() {
    return outputTokens == null ? 0 : outputTokens;
  }

  public long cachedOrZero() {
    return cachedInputTokens == null ? 0 : cachedInputTokens;
  }

  public long reasoningOrZero() {
    return reasoningTokens == null ? 0 : reasoningTokens;
  }
}
