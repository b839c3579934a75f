package dev.tollgate.core.enrich;

import com.knuddels.jtokkit.api.Encoding;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a text's tokens as the sum of its segments' counts, each remembered. Exact, not an
 * approximation: BPE encodings split text with a regular expression first and never merge across
 * those pieces, and the text is cut only where a piece always ends, before a space that sits
 * between two letters ("hello| world"). A letter piece stops at its last letter (a contraction
 * suffix would need an apostrophe next), and the piece after starts at the space whatever came
 * before, in cl100k_base and o200k_base alike. Prose repeats its words, so most segments are
 * counted once and then looked up, which is several times cheaper than running the encoding's
 * regular expression and merges again (bench/README.md).
 */
final class SegmentCounter {
  /** Longer segments (text without spaces between letters) are counted without remembering. */
  static final int MAX_SEGMENT_CHARS = 48;

  /** Bounded: when full it starts again, which costs only the counts it forgets. */
  static final int MAX_ENTRIES = 65_536;

  private final Encoding encoding;
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  SegmentCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** The number of tokens of well-formed text (no unpaired surrogates). */
  int count(String text) {
    int total = 0;
    int start = 0;
    int n = text.length();
    for (int i = 1; i + 1 < n; i++) {
      if (text.charAt(i) == ' '
          && Character.isLetter(text.charAt(i - 1))
          && Character.isLetter(text.charAt(i + 1))) {
        total += segment(text, start, i);
        start = i;
      }
    }
    return total + segment(text, start, n);
  }

  private int segment(String text, int from, int to) {
    String s = text.substring(from, to);
    if (to - from > MAX_SEGMENT_CHARS) {
      return encoding.countTokensOrdinary(s);
    }
    Integer known = counts.get(s);
    if (known != null) {
      return known;
    }
    int c = encoding.countTokensOrdinary(s);
    if (counts.size() >= MAX_ENTRIES) {
      counts.clear();
    }
    counts.put(s, c);
    return c;
  }

  int remembered() {
    return counts.size();
  }
}
