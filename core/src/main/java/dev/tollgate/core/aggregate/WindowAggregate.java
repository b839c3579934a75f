package dev.tollgate.core.aggregate;

import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.SourcePosition;
import dev.tollgate.core.model.UsageSource;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Running totals for one {@link WindowKey}. Everything here merges across instances by addition (or
 * min/max), including the latency bucket counts; the percentiles are this emitter's view of its own
 * records, and the histogram is what merges.
 */
public final class WindowAggregate {
  /** Upper bounds (ms, inclusive) of the mergeable latency buckets; the last bucket is open. */
  public static final List<Long> LATENCY_BUCKETS_MS =
      List.of(100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L, 30_000L, 60_000L, 120_000L);

  private final WindowKey key;
  private long requests;
  private final EnumMap<ErrorType, Long> errors = new EnumMap<>(ErrorType.class);
  private long inputTokens;
  private long outputTokens;
  private long cachedInputTokens;
  private long reasoningTokens;
  private BigDecimal costUsd = BigDecimal.ZERO;
  private long estimatedUsage;
  private long unpriced;
  private long implausibleUsage;
  private long partiallyPriced;
  private long contentFiltered;
  // Packed: a replay holds every window until it ends, and a plain Histogram's counts array (about
  // 11 KB at 2 digits up to 2 minutes) made windows 4x larger (bench/README.md, memory).
  private final Histogram durations = new PackedHistogram(2);
  private long durationSum;
  private final long[] durationBuckets = new long[LATENCY_BUCKETS_MS.size() + 1];
  private SourcePosition firstPosition;
  private String lateSegment;
  private final EnumMap<Series, SeriesStats> series = new EnumMap<>(Series.class);

  WindowAggregate(WindowKey key) {
    this.key = key;
    for (Series s : Series.values()) {
      series.put(s, new SeriesStats());
    }
  }

  /** Adds another aggregate's totals into this one (used to fold rare dimension values). */
  void merge(WindowAggregate o) {
    requests += o.requests;
    o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
    inputTokens += o.inputTokens;
    outputTokens += o.outputTokens;
    cachedInputTokens += o.cachedInputTokens;
    reasoningTokens += o.reasoningTokens;
    costUsd = costUsd.add(o.costUsd);
    estimatedUsage += o.estimatedUsage;
    unpriced += o.unpriced;
    implausibleUsage += o.implausibleUsage;
    partiallyPriced += o.partiallyPriced;
    contentFiltered += o.contentFiltered;
    durations.add(o.durations);
    durationSum += o.durationSum;
    for (int i = 0; i < durationBuckets.length; i++) {
      durationBuckets[i] += o.durationBuckets[i];
    }
    o.series.forEach((k, v) -> series.get(k).merge(v));
    if (lateSegment == null) {
      lateSegment = o.lateSegment;
    }
    if (o.firstPosition != null
        && (firstPosition == null || before(o.firstPosition, firstPosition))) {
      firstPosition = o.firstPosition;
    }
  }

  /** Distribution of one per-request value in this window (count, sum, min, max, stdDev). */
  public SeriesStats series(Series s) {
    return series.get(s);
  }

  void add(LlmRequest r) {
    requests++;
    if (r.outcome().errorType() != null) {
      errors.merge(r.outcome().errorType(), 1L, Long::sum);
    }
    if (!r.outcome().contentFilter().isEmpty()) {
      contentFiltered++;
    }
    if (r.price().cost().status() == CostStatus.IMPLAUSIBLE_USAGE) {
      // Counted, its tokens kept out of every sum: one such record would outweigh a year.
      implausibleUsage++;
    } else {
      addTokens(r);
    }
    if (r.usage().source() == UsageSource.ESTIMATED) {
      estimatedUsage++;
    }
    if (r.price().cost().usd() != null) {
      costUsd = costUsd.add(r.price().cost().usd());
      series.get(Series.COST_USD).add(r.price().cost().usd().doubleValue());
    }
    if (r.price().cost().status() == CostStatus.UNPRICED_MODEL) {
      unpriced++;
    }
    if (r.price().cost().status() == CostStatus.PARTIALLY_PRICED) {
      partiallyPriced++;
    }
    Long d = r.outcome().durationMs();
    if (d != null) {
      durations.recordValue(d);
      durationSum += d;
      durationBuckets[bucketOf(d)]++;
      series.get(Series.DURATION_MS).add(d);
    }
    if (firstPosition == null || before(r.origin().position(), firstPosition)) {
      firstPosition = r.origin().position();
    }
  }

  private void addTokens(LlmRequest r) {
    inputTokens += r.usage().inputOrZero();
    outputTokens += r.usage().outputOrZero();
    cachedInputTokens += r.usage().cachedOrZero();
    reasoningTokens += r.usage().reasoningOrZero();
    if (r.usage().hasTokens()) {
      series.get(Series.INPUT_TOKENS).add(r.usage().inputOrZero());
      series.get(Series.OUTPUT_TOKENS).add(r.usage().outputOrZero());
      series.get(Series.CACHED_INPUT_TOKENS).add(r.usage().cachedOrZero());
      series.get(Series.REASONING_TOKENS).add(r.usage().reasoningOrZero());
    }
  }

  private static boolean before(SourcePosition a, SourcePosition b) {
    if (a == null || a.sequenceNumber() == null || b.sequenceNumber() == null) {
      return false;
    }
    int c = Long.compare(a.sequenceNumber(), b.sequenceNumber());
    return c < 0 || (c == 0 && a.index() < b.index());
  }

  public WindowKey key() {
    return key;
  }

  public long requests() {
    return requests;
  }

  public Map<ErrorType, Long> errors() {
    return Map.copyOf(errors);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long cachedInputTokens() {
    return cachedInputTokens;
  }

  public long reasoningTokens() {
    return reasoningTokens;
  }

  public BigDecimal costUsd() {
    return costUsd;
  }

  public long estimatedUsage() {
    return estimatedUsage;
  }

  public long unpriced() {
    return unpriced;
  }

  /** Requests whose usage no call can have: not priced, tokens not in the sums. */
  public long implausibleUsage() {
    return implausibleUsage;
  }

  /** Requests with token classes the catalog has no price for: their cost is the known part. */
  public long partiallyPriced() {
    return partiallyPriced;
  }

  public long contentFiltered() {
    return contentFiltered;
  }

  public long durationCount() {
    return durations.getTotalCount();
  }

  public long durationSum() {
    return durationSum;
  }

  // Min and max are exact (the per-series stats keep them); the histogram only knows each value
  // to 2 significant digits, which would report 1001 ms as 1000 or 1003.
  public Long durationMin() {
    return durations.getTotalCount() == 0 ? null : (long) series(Series.DURATION_MS).min();
  }

  public Long durationMax() {
    return durations.getTotalCount() == 0 ? null : (long) series(Series.DURATION_MS).max();
  }

  /**
   * A percentile (0-100) of this emitter's durations, or null when none were recorded. From the
   * histogram (2 significant digits), kept within the exact min and max.
   */
  public Long durationPercentile(double p) {
    if (durations.getTotalCount() == 0) {
      return null;
    }
    long v = durations.getValueAtPercentile(p);
    return Math.max(durationMin(), Math.min(durationMax(), v));
  }

  /**
   * Counts per {@link #LATENCY_BUCKETS_MS} bound, plus one final count for the open bucket. Counted
   * exactly as records arrive: the histogram's value ranges straddle the bounds (it would count 501
   * ms as at most 500).
   */
  public long[] durationBuckets() {
    return durationBuckets.clone();
  }

  private static int bucketOf(long ms) {
    int i = 0;
    while (i < LATENCY_BUCKETS_MS.size() && ms > LATENCY_BUCKETS_MS.get(i)) {
      i++;
    }
    return i;
  }

  /** Where this group's earliest record came from; part of the aggregate's id. */
  /**
   * Marks this as a segment of a window that had already been emitted: its records came late.
   * {@code first} is where the first of them was read, which keeps the segment's id apart.
   */
  void startsLate(SourcePosition first) {
    lateSegment = first == null ? "late" : first.toString();
  }

  /** Where the first record of a late segment was read; null for a window emitted on time. */
  public String lateSegment() {
    return lateSegment;
  }

  public SourcePosition firstPosition() {
    return firstPosition;
  }
}
