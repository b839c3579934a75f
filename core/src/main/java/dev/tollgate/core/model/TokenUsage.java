package dev.tollgate.core.model;

/**
 * Token counts of one call. Cached input is part of input and reasoning is part of output, as Azure
 * OpenAI reports them. Any count may be null when unknown.
 *
 * @param implausible null for usage that may be counted; otherwise what was claimed and why no call
 *     can have it (e.g. {@code prompt_tokens=-5 is negative}). Implausible usage carries no counts,
 *     so that no sum, cost or alert can take it in by accident.
 */
public record TokenUsage(
    Long inputTokens,
    Long outputTokens,
    Long cachedInputTokens,
    Long reasoningTokens,
    UsageSource source,
    String implausible) {

  public static final TokenUsage NONE = new TokenUsage(null, null, null, null, UsageSource.NONE);

  /** Usage that may be counted. */
  public TokenUsage(
      Long inputTokens,
      Long outputTokens,
      Long cachedInputTokens,
      Long reasoningTokens,
      UsageSource source) {
    this(inputTokens, outputTokens, cachedInputTokens, reasoningTokens, source, null);
  }

  /** Usage that was claimed but cannot be right: no counts, only the claim and the reason. */
  public static TokenUsage implausible(UsageSource source, String claim) {
    return new TokenUsage(null, null, null, null, source, claim);
  }

  public boolean plausible() {
    return implausible == null;
  }

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
