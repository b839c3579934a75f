package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.AppInsightsPublisher.MetricPoint;
import java.util.List;

/** Where the poller's metric items go. Must have delivered them (or thrown) when it returns. */
public interface MetricsOutput {
  /**
   * @return how many items the destination refused for good (never to be sent again)
   * @throws RuntimeException when the items were not delivered
   */
  int write(List<MetricPoint> points);

  /** Application Insights. */
  static MetricsOutput appInsights(AppInsightsPublisher publisher) {
    return points -> publisher.publishMetrics(points).rejected().size();
  }
}
