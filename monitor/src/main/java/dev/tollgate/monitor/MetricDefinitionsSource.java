package dev.tollgate.monitor;

import java.util.Map;

/** Reads a resource's metric definitions: which metrics it has, with which dimensions. */
public interface MetricDefinitionsSource {
  /**
   * @return metric name in lower case to its definition
   * @throws MetricsQueryException when the definitions cannot be read
   */
  Map<String, MetricInfo> definitions(String resourceId);
}
