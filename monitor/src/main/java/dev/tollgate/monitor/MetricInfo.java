package dev.tollgate.monitor;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a resource's metric definition says about one metric: its REST name, its dimensions (lower
 * case) and its primary aggregation ({@code Total}, {@code Average}, ...).
 */
public record MetricInfo(String name, Set<String> dimensions, String primaryAggregation) {
  public MetricInfo {
    TreeSet<String> dims = new TreeSet<>();
    if (dimensions != null) {
      dimensions.forEach(d -> dims.add(d.toLowerCase(Locale.ROOT)));
    }
    dimensions = Set.copyOf(dims);
  }

  public boolean hasDimension(String dimension) {
    return dimensions.contains(dimension.toLowerCase(Locale.ROOT));
  }
}
