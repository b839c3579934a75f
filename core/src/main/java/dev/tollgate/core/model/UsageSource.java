package dev.tollgate.core.model;

/** Where token counts came from. */
public enum UsageSource {
  /** The response body (or the final chunk of a stream) carried usage. */
  REPORTED("reported"),
  /** Counted with a tokenizer from the text that was logged. */
  ESTIMATED("estimated"),
  /** Neither: no usage and no text to count (e.g. a throttled call). */
  NONE("none");

  private final String wireName;

  UsageSource(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
