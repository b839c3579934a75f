package dev.tollgate.core.aggregate;

import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.LlmRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Groups LLM requests into 1-minute windows per {@link WindowKey}. Not thread-safe: one per run.
 *
 * <p>By default every window is held until {@link #drain}: right for an Event Hub batch, whose
 * windows live for one invocation. A replay of days of logs would hold them all, so it can close
 * windows behind a watermark instead (the latest window start seen, minus an allowed lateness):
 * {@link #drainClosed} hands them over as soon as no on-time record can reach them. A record that
 * comes later still opens a new, separately identified segment of its window (see {@link #itemId}),
 * so totals stay right and only the number of aggregates grows.
 */
public final class WindowAggregator {
  private final Map<WindowKey, WindowAggregate> windows = new HashMap<>();
  private final Duration lateness;
  private Instant latestStart;
  private Instant closedBefore;

  /** Holds every window until {@link #drain}. */
  public WindowAggregator() {
    this(null);
  }

  /**
   * @param lateness how far behind the latest window a record may arrive and still join its window
   *     on time; null holds every window until {@link #drain}
   */
  public WindowAggregator(Duration lateness) {
    if (lateness != null && lateness.isNegative()) {
      throw new IllegalArgumentException("lateness must not be negative: " + lateness);
    }
    this.lateness = lateness;
  }

  public void add(LlmRequest r) {
    if (!r.route().llm()) {
      return;
    }
    WindowKey key = WindowKey.of(r);
    WindowAggregate a = windows.get(key);
    if (a == null) {
      a = new WindowAggregate(key);
      if (closedBefore != null && key.windowStart().isBefore(closedBefore)) {
        a.startsLate(r.origin().position());
      }
      windows.put(key, a);
    }
    a.add(r);
    if (latestStart == null || key.windowStart().isAfter(latestStart)) {
      latestStart = key.windowStart();
    }
  }

  public int size() {
    return windows.size();
  }

  /**
   * The windows no on-time record can reach any more, oldest first, removed from the aggregator.
   * Always empty without a lateness. Cheap when nothing closed: it scans only when the watermark
   * has moved into a new minute.
   */
  public List<WindowAggregate> drainClosed() {
    if (lateness == null || latestStart == null) {
      return List.of();
    }
    Instant cutoff = latestStart.minus(lateness);
    if (closedBefore != null && !cutoff.isAfter(closedBefore)) {
      return List.of();
    }
    closedBefore = cutoff;
    List<WindowAggregate> out = new ArrayList<>();
    for (Iterator<WindowAggregate> it = windows.values().iterator(); it.hasNext(); ) {
      WindowAggregate a = it.next();
      if (a.key().windowStart().isBefore(cutoff)) {
        out.add(a);
        it.remove();
      }
    }
    sort(out);
    return out;
  }

  /** All windows, oldest first; the aggregator is empty afterwards. */
  public List<WindowAggregate> drain() {
    List<WindowAggregate> out = new ArrayList<>(windows.values());
    windows.clear();
    sort(out);
    return out;
  }

  private static void sort(List<WindowAggregate> out) {
    out.sort(
        Comparator.comparing((WindowAggregate a) -> a.key().windowStart())
            .thenComparing(a -> String.valueOf(a.key().category()))
            .thenComparing(a -> String.valueOf(a.key().account()))
            .thenComparing(a -> String.valueOf(a.key().deployment()))
            .thenComparing(a -> String.valueOf(a.key().model()))
            .thenComparing(a -> String.valueOf(a.key().modelVersion()))
            .thenComparing(a -> String.valueOf(a.key().subscriptionId()))
            .thenComparing(a -> String.valueOf(a.key().operation()))
            .thenComparing(a -> String.valueOf(a.lateSegment())));
  }

  /**
   * The aggregate's deterministic id: its window and dimensions, plus the partition and sequence
   * number of its earliest record when it came from Event Hubs (several instances, one per
   * partition, may emit for the same window), plus, for a segment opened by records that came after
   * their window closed, the position of the first of them.
   */
  public static String itemId(WindowAggregate a) {
    WindowKey k = a.key();
    var p = a.firstPosition();
    String scope =
        p == null || p.partitionId() == null
            ? ""
            : p.partitionId() + ":" + p.sequenceNumber() + ":" + p.index();
    return "agg:h"
        + ItemIds.hash(
            k.windowStart().toString(),
            k.category(),
            k.account(),
            k.deployment(),
            k.model(),
            k.modelVersion(),
            k.subscriptionId(),
            k.operation(),
            scope)
        + lateSuffix(a);
  }

  private static String lateSuffix(WindowAggregate a) {
    return a.lateSegment() == null ? "" : ":late:h" + ItemIds.hash(a.lateSegment());
  }
}
