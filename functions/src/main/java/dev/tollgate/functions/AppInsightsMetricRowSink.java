package dev.tollgate.functions;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.TrackDelivery;
import dev.tollgate.loganalytics.MetricRow;
import dev.tollgate.loganalytics.MetricRowSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The Log Analytics poller's metric items as Application Insights custom metrics: one single-value
 * point per item, with its own time, dimensions and deterministic {@code tollgate.item_id}, sent in
 * batches of {@value #BATCH} (memory stays bounded) and at {@link #flush}. A delivery failure
 * ({@code DeliveryException}) propagates and stops the run.
 */
final class AppInsightsMetricRowSink implements MetricRowSink {
  static final int BATCH = 500;

  private final AppInsightsPublisher publisher;
  private final List<AppInsightsPublisher.MetricPoint> buffer = new ArrayList<>();
  private int sent;
  private int rejected;
  private int retries;
  private int throttled;

  AppInsightsMetricRowSink(AppInsightsPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void accept(MetricRow row) {
    buffer.add(
        AppInsightsPublisher.MetricPoint.single(
            row.name(), row.time(), row.value(), row.dimensions(), row.itemId()));
    if (buffer.size() >= BATCH) {
      send();
    }
  }

  @Override
  public void flush() {
    send();
  }

  private void send() {
    if (buffer.isEmpty()) {
      return;
    }
    TrackDelivery.Report r = publisher.publishMetrics(List.copyOf(buffer));
    buffer.clear();
    sent += r.accepted();
    rejected += r.rejected().size();
    retries += r.retries();
    throttled += r.throttled();
  }

  int sent() {
    return sent;
  }

  int rejected() {
    return rejected;
  }

  int retries() {
    return retries;
  }

  int throttled() {
    return throttled;
  }
}
