package dev.tollgate.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads platform metrics at 1-minute grain for up to 50 resources of one subscription and region in
 * one call (the {@code metrics:getBatch} data-plane API). The seam between the poller and the Azure
 * SDK ({@link AzureMonitorMetrics}).
 */
public interface PlatformMetricsSource {
  /** The most resources one call may name. */
  int MAX_RESOURCES = 50;

  /**
   * One batch call: {@code [start, end)} at 1-minute grain.
   *
   * @param filter e.g. {@code ModelDeploymentName eq '*' and StatusCode eq '*'}; null: no split
   */
  record BatchQuery(
      String subscriptionId,
      String region,
      String namespace,
      List<String> resourceIds,
      List<String> metrics,
      Instant start,
      Instant end,
      String filter) {
    public BatchQuery {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      resourceIds = List.copyOf(resourceIds);
      metrics = List.copyOf(metrics);
      if (resourceIds.isEmpty() || resourceIds.size() > MAX_RESOURCES) {
        throw new IllegalArgumentException("a batch names 1 to 50 resources");
      }
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("end " + end + " is not after start " + start);
      }
    }
  }

  /** One data point; aggregates the service left out are null. */
  record Point(
      Instant time, Double average, Double minimum, Double maximum, Double total, Double count) {}

  /** One time series: its dimension values (names in lower case) and points. */
  record Series(Map<String, String> dimensions, List<Point> points) {
    public Series {
      dimensions = Map.copyOf(dimensions);
      points = List.copyOf(points);
    }
  }

  /**
   * One metric of one resource. {@code errorCode} is the service's per-metric code: {@code Success}
   * (or null) when the series are good.
   */
  record Result(
      String resourceId,
      String metric,
      String errorCode,
      String errorMessage,
      List<Series> series) {
    public Result {
      series = List.copyOf(series);
    }

    public boolean ok() {
      return errorCode == null || errorCode.isBlank() || errorCode.equalsIgnoreCase("Success");
    }
  }

  /**
   * @throws MetricsThrottledException on 429
   * @throws MetricsQueryException on any other failure of the call
   */
  List<Result> query(BatchQuery query);
}
