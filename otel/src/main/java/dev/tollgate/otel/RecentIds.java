package dev.tollgate.otel;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The most recent item ids that were measured, oldest evicted first, so a batch that is handed over
 * again after a failed flush is not counted twice. Not thread-safe.
 */
final class RecentIds {
  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  RecentIds(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
  }

  /** Remembers the id; false if it was already remembered. Null ids are never remembered. */
  boolean add(String id) {
    if (id == null) {
      return true;
    }
    if (!ids.add(id)) {
      return false;
    }
    if (ids.size() > capacity) {
      Iterator<String> oldest = ids.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  void removeAll(Collection<String> gone) {
    gone.forEach(ids::remove);
  }

  int size() {
    return ids.size();
  }
}
