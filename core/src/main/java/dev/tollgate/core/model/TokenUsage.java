package dev.tollgate.core.model;

/**
 * Token counts of one call, as Azure OpenAI reports them: cached input is part of input, reasoning
 * part of output; audio and image input (cached or not) are part of input, and their cached parts
 * part of cached input; audio and image output are part of output. Any count may be null when
 * unknown; null modality counts mean "all text".
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
    Long audioInputTokens,
    Long cachedAudioInputTokens,
    Long audioOutputTokens,
    Long imageInputTokens,
    Long cachedImageInputTokens,
    Long imageOutputTokens,
    UsageSource source,
    String implausible) {

  public static final TokenUsage NONE = new TokenUsage(null, null, null, null, UsageSource.NONE);

  /** Text usage that may be counted (kept for callers that know no other modality). */
  public TokenUsage(
      Long inputTokens,
      Long outputTokens,
      Long cachedInputTokens,
      Long reasoningTokens,
      UsageSource source) {
    this(
        inputTokens,
        outputTokens,
        cachedInputTokens,
        reasoningTokens,
        null,
        null,
        null,
        null,
        null,
        null,
        source,
        null);
  }

  /** Usage that was claimed but cannot be right: no counts, only the claim and the reason. */
  public static TokenUsage implausible(UsageSource source, String claim) {
    return builder().source(source).implausible(claim).build();
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

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this usage's counts, to change one by name. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.input = inputTokens;
    b.output = outputTokens;
    b.cachedInput = cachedInputTokens;
    b.reasoning = reasoningTokens;
    b.audioInput = audioInputTokens;
    b.cachedAudioInput = cachedAudioInputTokens;
    b.audioOutput = audioOutputTokens;
    b.imageInput = imageInputTokens;
    b.cachedImageInput = cachedImageInputTokens;
    b.imageOutput = imageOutputTokens;
    b.source = source;
    b.implausible = implausible;
    return b;
  }

  /** Builds {@link TokenUsage} by name. */
  public static final class Builder {
    private Long input;
    private Long output;
    private Long cachedInput;
    private Long reasoning;
    private Long audioInput;
    private Long cachedAudioInput;
    private Long audioOutput;
    private Long imageInput;
    private Long cachedImageInput;
    private Long imageOutput;
    private UsageSource source = UsageSource.REPORTED;
    private String implausible;

    private Builder() {}

    public Builder inputTokens(Long v) {
      input = v;
      return this;
    }

    public Builder outputTokens(Long v) {
      output = v;
      return this;
    }

    public Builder cachedInputTokens(Long v) {
      cachedInput = v;
      return this;
    }

    public Builder reasoningTokens(Long v) {
      reasoning = v;
      return this;
    }

    public Builder audioInputTokens(Long v) {
      audioInput = v;
      return this;
    }

    public Builder cachedAudioInputTokens(Long v) {
      cachedAudioInput = v;
      return this;
    }

    public Builder audioOutputTokens(Long v) {
      audioOutput = v;
      return this;
    }

    public Builder imageInputTokens(Long v) {
      imageInput = v;
      return this;
    }

    public Builder cachedImageInputTokens(Long v) {
      cachedImageInput = v;
      return this;
    }

    public Builder imageOutputTokens(Long v) {
      imageOutput = v;
      return this;
    }

    public Builder source(UsageSource v) {
      source = v;
      return this;
    }

    public Builder implausible(String v) {
      implausible = v;
      return this;
    }

    public TokenUsage build() {
      return new TokenUsage(
          input,
          output,
          cachedInput,
          reasoning,
          audioInput,
          cachedAudioInput,
          audioOutput,
          imageInput,
          cachedImageInput,
          imageOutput,
          source,
          implausible);
    }
  }
}
