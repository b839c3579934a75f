package dev.tollgate.core.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * A kind of token Azure prices on its own meter. The wire names are the keys of {@code
 * tollgate.cost.breakdown} (FINOPS Contract A); the catalog names are the price fields of a catalog
 * entry (Contract B). Never rename either: readers on other branches match them.
 */
public enum TokenClass {
  /** Uncached text input. */
  INPUT("input", "input"),
  CACHED_INPUT("cached_input", "cachedInput"),
  /** Text output, reasoning included. */
  OUTPUT("output", "output"),
  AUDIO_INPUT("audio_input", "audioInput"),
  CACHED_AUDIO_INPUT("cached_audio_input", "cachedAudioInput"),
  AUDIO_OUTPUT("audio_output", "audioOutput"),
  IMAGE_INPUT("image_input", "imageInput"),
  CACHED_IMAGE_INPUT("cached_image_input", "cachedImageInput"),
  IMAGE_OUTPUT("image_output", "imageOutput");

  private final String wireName;
  private final String catalogName;

  TokenClass(String wireName, String catalogName) {
    this.wireName = wireName;
    this.catalogName = catalogName;
  }

  public String wireName() {
    return wireName;
  }

  public String catalogName() {
    return catalogName;
  }

  /**
   * The usage's tokens by class, each counted once: audio and image tokens are taken out of input
   * and output, cached parts out of their modality. Parts larger than their whole are capped at it
   * (the rest of the whole stays in the class it came from), so the counts always sum to input +
   * output. Classes with no tokens are left out.
   */
  public static Map<TokenClass, Long> split(TokenUsage u) {
    long in = u.inputOrZero();
    long audioIn = cap(u.audioInputTokens(), in);
    long imageIn = cap(u.imageInputTokens(), in - audioIn);
    long cachedAudio = cap(u.cachedAudioInputTokens(), audioIn);
    long cachedImage = cap(u.cachedImageInputTokens(), imageIn);
    long textIn = in - audioIn - imageIn;
    // cached_tokens counts every modality's cache hits; the text part is what is left
    long cachedText = cap(u.cachedOrZero() - cachedAudio - cachedImage, textIn);
    long out = u.outputOrZero();
    long audioOut = cap(u.audioOutputTokens(), out);
    long imageOut = cap(u.imageOutputTokens(), out - audioOut);
    Map<TokenClass, Long> m = new EnumMap<>(TokenClass.class);
    put(m, INPUT, textIn - cachedText);
    put(m, CACHED_INPUT, cachedText);
    put(m, OUTPUT, out - audioOut - imageOut);
    put(m, AUDIO_INPUT, audioIn - cachedAudio);
    put(m, CACHED_AUDIO_INPUT, cachedAudio);
    put(m, AUDIO_OUTPUT, audioOut);
    put(m, IMAGE_INPUT, imageIn - cachedImage);
    put(m, CACHED_IMAGE_INPUT, cachedImage);
    put(m, IMAGE_OUTPUT, imageOut);
    return m;
  }

  private static long cap(Long v, long max) {
    return v == null ? 0 : Math.max(0, Math.min(v, max));
  }

  private static void put(Map<TokenClass, Long> m, TokenClass c, long n) {
    if (n > 0) {
      m.put(c, n);
    }
  }
}
