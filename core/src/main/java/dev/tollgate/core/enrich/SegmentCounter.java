package dev.tollgate.core.enrich;

import com.knuddels.jtokkit.api.Encoding;
import java.util.Arrays;

/**
 * Counts a text's tokens as the sum of its segments' counts, each remembered. BPE encodings split
 * text with a regular expression first and never merge across those pieces, and the text is cut
 * only where a piece always ends, before a space that sits between two letters ("hello| world"): a
 * letter piece stops at its last letter (a contraction suffix would need an apostrophe next), and
 * the piece after starts at the space whatever came before, in cl100k_base and o200k_base alike.
 * Prose repeats its words, so most segments are counted once and then looked up, which is several
 * times cheaper than running the encoding's regular expression and merges again (bench/README.md).
 *
 * <p>Segments are remembered by a 64-bit hash in a fixed table (1.5 MB, allocated once, so memory
 * does not grow with the input): two different segments would have to share a hash to get a wrong
 * count, about one chance in a billion over a full table's life. Thread-safe.
 */
final class SegmentCounter {
  /** Longer segments (text without spaces between letters) are counted without remembering. */
  static final int MAX_SEGMENT_CHARS = 48;

  static final int SLOTS = 1 << 17;

  /** When three quarters full the table starts again, which costs only the counts it forgets. */
  static final int MAX_FILLED = SLOTS / 4 * 3;

  private final Encoding encoding;
  private final long[] keys = new long[SLOTS];
  private final int[] counts = new int[SLOTS];
  private int filled;

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
    if (to - from > MAX_SEGMENT_CHARS) {
      return encoding.countTokensOrdinary(text.substring(from, to));
    }
    long key = hash(text, from, to);
    synchronized (this) {
      int known = lookup(key);
      if (known >= 0) {
        return known;
      }
    }
    int c = encoding.countTokensOrdinary(text.substring(from, to));
    synchronized (this) {
      store(key, c);
    }
    return c;
  }

  private int lookup(long key) {
    for (int i = slot(key); keys[i] != 0; i = (i + 1) & (SLOTS - 1)) {
      if (keys[i] == key) {
        return counts[i];
      }
    }
    return -1;
  }

  private void store(long key, int count) {
    if (filled >= MAX_FILLED) {
      Arrays.fill(keys, 0L);
      filled = 0;
    }
    int i = slot(key);
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & (SLOTS - 1);
    }
    if (keys[i] == 0) {
      filled++;
    }
    keys[i] = key;
    counts[i] = count;
  }

  private static int slot(long key) {
    return (int) key & (SLOTS - 1);
  }

  /** FNV-1a over the chars, then MurmurHash3's finaliser; never 0 (0 marks an empty slot). */
  static long hash(String s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int k = from; k < to; k++) {
      h ^= s.charAt(k);
      h *= 0x100000001b3L;
    }
    h ^= to - from;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  synchronized int remembered() {
    return filled;
  }
}
