package dev.tollgate.appinsights;

import dev.tollgate.appinsights.Envelopes.DataPoint;
import dev.tollgate.core.aggregate.Series;
import dev.tollgate.core.aggregate.SeriesStats;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.ErrorType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The custom metrics one window aggregate becomes. Counts are sent as value = count = n; value
 * series as value = sum with count, min, max and stdDev, so they merge across instances. Latency
 * goes out as bucket counts, never as a percentile: one instance's p95 cannot be merged with
 * another's. Counts that are zero are left out (a missing item sums to the same), except {@code
 * tollgate.requests}, which every window sends; they were a quarter of all metric items.
 */
final class MetricPoints {
  /** A data point and the extra dimension it carries (e.g. error.type), if any. */
  record Point(DataPoint data, String dimension, String dimensionValue) {}

  private static final Map<Series, String> TOKEN_SERIES = new EnumMap<>(Series.class);

  static {
    TOKEN_SERIES.put(Series.INPUT_TOKENS, "tollgate.tokens.input");
    TOKEN_SERIES.put(Series.OUTPUT_TOKENS, "tollgate.tokens.output");
    TOKEN_SERIES.put(Series.CACHED_INPUT_TOKENS, "tollgate.tokens.cached_input");
    TOKEN_SERIES.put(Series.REASONING_TOKENS, "tollgate.tokens.reasoning");
  }

  private MetricPoints() {}

  static List<Point> of(WindowAggregate a) {
    List<Point> out = new ArrayList<>();
    out.add(point("tollgate.requests", a.requests(), null, null));
    for (ErrorType e : ErrorType.values()) {
      long n = a.errors().getOrDefault(e, 0L);
      if (n > 0) {
        count(out, "tollgate.errors", n, "error.type", e.wireName());
      }
    }
    count(out, "tollgate.content_filter.requests", a.contentFiltered(), null, null);
    count(out, "tollgate.requests.estimated_usage", a.estimatedUsage(), null, null);
    count(out, "tollgate.requests.unpriced", a.unpriced(), null, null);
    count(out, "tollgate.requests.implausible_usage", a.implausibleUsage(), null, null);
    for (Map.Entry<Series, String> e : TOKEN_SERIES.entrySet()) {
      series(out, e.getValue(), a.series(e.getKey()), a.series(e.getKey()).sum());
    }
    // The exact decimal total, not the sum of doubles.
    series(out, "tollgate.cost.usd", a.series(Series.COST_USD), a.costUsd().doubleValue());
    SeriesStats d = a.series(Series.DURATION_MS);
    series(out, "tollgate.duration_ms", d, d.sum());
    if (d.count() > 0) {
      long[] buckets = a.durationBuckets();
      for (int i = 0; i < buckets.length; i++) {
        String le =
            i < WindowAggregate.LATENCY_BUCKETS_MS.size()
                ? String.valueOf(WindowAggregate.LATENCY_BUCKETS_MS.get(i))
                : "inf";
        count(out, "tollgate.duration_ms.bucket", buckets[i], "le", le);
      }
    }
    return out;
  }

  private static void count(List<Point> out, String name, long n, String dim, String value) {
    if (n > 0) {
      out.add(point(name, n, dim, value));
    }
  }

  private static Point point(String name, long n, String dim, String value) {
    return new Point(new DataPoint(name, n, n, n > 0 ? 1 : 0, n > 0 ? 1 : 0, 0), dim, value);
  }

  private static void series(List<Point> out, String name, SeriesStats s, double sum) {
    if (s.count() > 0) {
      out.add(
          new Point(new DataPoint(name, sum, s.count(), s.min(), s.max(), s.stdDev()), null, null));
    }
  }
}
