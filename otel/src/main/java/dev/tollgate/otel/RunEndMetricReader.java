package dev.tollgate.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Collects and exports only when flushed, i.e. at the end of each run, and reports the export's own
 * result. It stands in for the SDK's periodic reader, whose {@code forceFlush} reports success even
 * when the export failed and whose timer would export half a run on its own schedule (with delta
 * temporality a failed timer export loses data that no retry can tell apart).
 */
final class RunEndMetricReader implements MetricReader {
  private final MetricExporter exporter;
  private volatile CollectionRegistration registration;

  RunEndMetricReader(MetricExporter exporter) {
    this.exporter = exporter;
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public synchronized CompletableResultCode forceFlush() {
    CollectionRegistration r = registration;
    if (r == null) {
      return CompletableResultCode.ofSuccess();
    }
    Collection<MetricData> data;
    try {
      data = r.collectAllMetrics();
    } catch (RuntimeException e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    if (data.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    try {
      return exporter.export(data);
    } catch (RuntimeException e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode last = forceFlush();
    last.join(10, TimeUnit.SECONDS);
    return CompletableResultCode.ofAll(List.of(last, exporter.shutdown()));
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return exporter.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return exporter.getDefaultAggregation(instrumentType);
  }

  boolean deltaCounters() {
    return exporter.getAggregationTemporality(InstrumentType.COUNTER)
        == AggregationTemporality.DELTA;
  }

  @Override
  public String toString() {
    return "RunEndMetricReader{exporter=" + exporter + "}";
  }
}
