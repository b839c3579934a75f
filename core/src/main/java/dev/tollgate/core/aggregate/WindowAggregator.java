package dev.tollgate.core.aggregate;

import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.LlmRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups LLM requests into 1-minute windows per {@link WindowKey}. Not thread-safe: one per run.
 */
public final class WindowAggregator {
  private final Map<WindowKey, WindowAggregate> windows = new HashMap<>();

  public void add(LlmRequest r) {
    if (!r.llm()) {
      return;
    }
    windows.computeIfAbsent(WindowKey.of(r), WindowAggregate::new).add(r);
  }

  public int size() {
    return windows.size();
  }

  /** All windows, oldest first; the aggregator is empty afterwards. */
  public List<WindowAggregate> drain() {
    List<WindowAggregate> out = new ArrayList<>(windows.values());
    windows.clear();
    out.sort(
        Comparator.comparing((WindowAggregate a) -> a.key().windowStart())
            .thenComparing(a -> String.valueOf(a.key().deployment()))
            .thenComparing(a -> String.valueOf(a.key().model()))
            .thenComparing(a -> String.valueOf(a.key().subscriptionId()))
            .thenComparing(a -> String.valueOf(a.key().operation())));
    return out;
  }

  /**
   * The aggregate's deterministic id: its window and dimensions, plus the partition and sequence
   * number of its earliest record when it came from Event Hubs (several instances, one per
   * partition, may emit for the same window).
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
            k.deployment(),
            k.model(),
            k.subscriptionId(),
            k.operation(),
            scope);
  }
}
