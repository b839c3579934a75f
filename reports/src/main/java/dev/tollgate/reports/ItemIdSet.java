package dev.tollgate.reports;

/**
 * The item ids already counted in one report run, for de-duplication, kept as 64-bit hashes in an
 * open-addressing table of primitive longs: 8 to 16 bytes per distinct record of the report's
 * windows (about 160 MB at most for 10 million records), whatever the length of the ids, and
 * nothing for lines outside the windows. It is dropped when the run ends.
 *
 * <p>Two distinct ids collide with probability 2^-64; over n records the chance of any collision is
 * about n²/2^65 (3 in a million at 10 million records), in which case one record would be taken for
 * a redelivery and left out.
 */
final class ItemIdSet {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long[] slots = new long[1024];
  private int size;

  /** Adds the id; false when it was already there. */
  boolean add(String id) {
    long h = hash(id);
    if (size * 4L >= slots.length * 3L) {
      grow();
    }
    if (insert(slots, h)) {
      size++;
      return true;
    }
    return false;
  }

  int size() {
    return size;
  }

  private static boolean insert(long[] table, long h) {
    int mask = table.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (true) {
      long v = table[i];
      if (v == 0) {
        table[i] = h;
        return true;
      }
      if (v == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    for (long v : old) {
      if (v != 0) {
        insert(slots, v);
      }
    }
  }

  /** FNV-1a over the UTF-16 code units, finished with MurmurHash3's 64-bit mixer; never 0. */
  static long hash(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= c & 0xff;
      h *= FNV_PRIME;
      h ^= c >>> 8;
      h *= FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }
}
