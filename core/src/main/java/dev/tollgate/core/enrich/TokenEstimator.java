package dev.tollgate.core.enrich;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens with the BPE encoding of the model family (jtokkit). Encodings load lazily, on the
 * first record that needs one, so records with reported usage never pay for them; they are
 * immutable and shared by the whole process, so a pipeline rebuilt (the Event Hub function does, on
 * every deployment-inventory refresh) does not load them again.
 */
public final class TokenEstimator {
  /** Chat Completions adds this many tokens per message, and this many to prime the reply. */
  static final int TOKENS_PER_MESSAGE = 3;

  static final int REPLY_PRIMING_TOKENS = 3;

  /** Initialised on first use (class initialisation is lazy and thread-safe). */
  private static final class Registry {
    static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    static final Map<EncodingType, SegmentCounter> COUNTERS = new ConcurrentHashMap<>();
  }

  /** cl100k_base for GPT-3.5, GPT-4 (not 4o) and the embeddings models; o200k_base otherwise. */
  public static EncodingType encodingFor(String model) {
    if (model == null) {
      return EncodingType.O200K_BASE;
    }
    String m = model.toLowerCase(Locale.ROOT);
    boolean gpt4Classic =
        m.startsWith("gpt-4") && !m.startsWith("gpt-4o") && !m.startsWith("gpt-4.");
    if (m.startsWith("gpt-35")
        || m.startsWith("gpt-3.5")
        || gpt4Classic
        || m.startsWith("text-embedding")) {
      return EncodingType.CL100K_BASE;
    }
    return EncodingType.O200K_BASE;
  }

  public int count(String text, EncodingType type) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return counter(type).count(wellFormed(text));
  }

  /**
   * The text with unpaired surrogates (a logged "\\ud83d" escape cut from its pair) replaced by
   * U+FFFD, as a UTF-8 decoder would show them; the tokenizer requires well-formed text.
   */
  static String wellFormed(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        if (b != null) {
          b.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (b == null) {
          b = new StringBuilder(text.length()).append(text, 0, i);
        }
        b.append('\uFFFD');
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? text : b.toString();
  }

  private static SegmentCounter counter(EncodingType type) {
    return Registry.COUNTERS.computeIfAbsent(
        type, t -> new SegmentCounter(Registry.INSTANCE.getEncoding(t)));
  }
}
