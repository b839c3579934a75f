package dev.tollgate.monitor;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.models.ResponseError;
import com.azure.core.util.Context;
import com.azure.monitor.query.MetricsClient;
import com.azure.monitor.query.MetricsClientBuilder;
import com.azure.monitor.query.models.AggregationType;
import com.azure.monitor.query.models.MetricResult;
import com.azure.monitor.query.models.MetricValue;
import com.azure.monitor.query.models.MetricsQueryResourcesOptions;
import com.azure.monitor.query.models.MetricsQueryResourcesResult;
import com.azure.monitor.query.models.MetricsQueryResult;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.azure.monitor.query.models.TimeSeriesElement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PlatformMetricsSource} over the Azure SDK's {@code MetricsClient} (azure-monitor-query
 * 1.5.2: the {@code metrics:getBatch} data-plane API, one regional endpoint per region). Asks for
 * every aggregation at 1-minute grain; the SDK may retry transient failures but never 429.
 */
public final class AzureMonitorMetrics implements PlatformMetricsSource {
  private static final List<AggregationType> AGGREGATIONS =
      List.of(
          AggregationType.TOTAL,
          AggregationType.AVERAGE,
          AggregationType.MINIMUM,
          AggregationType.MAXIMUM,
          AggregationType.COUNT);

  private final String endpointTemplate;
  private final TokenCredential credential;
  private final HttpClient httpClient;
  private final int retries;
  private final Duration retryDelay;
  private final int top;
  private final Map<String, MetricsClient> clients = new ConcurrentHashMap<>();

  /**
   * @param endpointTemplate e.g. {@code https://{region}.metrics.monitor.azure.com}
   * @param top the most series per metric the service returns (it defaults to 10)
   */
  public AzureMonitorMetrics(
      String endpointTemplate,
      TokenCredential credential,
      HttpClient httpClient,
      int retries,
      Duration retryDelay,
      int top) {
    this.endpointTemplate = Objects.requireNonNull(endpointTemplate, "endpointTemplate");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.retries = retries;
    this.retryDelay = retryDelay;
    this.top = top;
  }

  /** The endpoint for a region. */
  String endpoint(String region) {
    return endpointTemplate.replace("{region}", region == null ? "" : region);
  }

  private MetricsClient client(String region) {
    String endpoint = endpoint(region);
    return clients.computeIfAbsent(
        endpoint,
        e ->
            new MetricsClientBuilder()
                .endpoint(e)
                .credential(credential)
                .httpClient(httpClient)
                .retryPolicy(AzureHttp.retryPolicy(retries, retryDelay))
                .buildClient());
  }

  @Override
  public List<Result> query(BatchQuery q) {
    MetricsQueryResourcesOptions options =
        new MetricsQueryResourcesOptions()
            .setTimeInterval(
                new QueryTimeInterval(
                    q.start().atOffset(ZoneOffset.UTC), q.end().atOffset(ZoneOffset.UTC)))
            .setGranularity(Duration.ofMinutes(1))
            .setAggregations(AGGREGATIONS)
            .setTop(top);
    if (q.filter() != null) {
      options.setFilter(q.filter());
    }
    MetricsQueryResourcesResult result;
    try {
      result =
          client(q.region())
              .queryResourcesWithResponse(
                  q.resourceIds(), q.metrics(), q.namespace(), options, Context.NONE)
              .getValue();
    } catch (RuntimeException e) {
      throw AzureHttp.translate(
          "metrics:getBatch for " + q.resourceIds().size() + " resources in " + q.region(), e);
    }
    List<Result> out = new ArrayList<>();
    for (MetricsQueryResult r : result.getMetricsQueryResults()) {
      for (MetricResult m : r.getMetrics()) {
        out.add(convert(m));
      }
    }
    return out;
  }

  static Result convert(MetricResult m) {
    ResponseError error = m.getError();
    List<Series> series = new ArrayList<>();
    if (m.getTimeSeries() != null) {
      for (TimeSeriesElement ts : m.getTimeSeries()) {
        Map<String, String> dims = new LinkedHashMap<>();
        if (ts.getMetadata() != null) {
          ts.getMetadata().forEach((k, v) -> dims.put(k.toLowerCase(Locale.ROOT), v));
        }
        List<Point> points = new ArrayList<>();
        if (ts.getValues() != null) {
          for (MetricValue v : ts.getValues()) {
            points.add(
                new Point(
                    v.getTimeStamp().toInstant(),
                    v.getAverage(),
                    v.getMinimum(),
                    v.getMaximum(),
                    v.getTotal(),
                    v.getCount()));
          }
        }
        series.add(new Series(dims, points));
      }
    }
    return new Result(
        ResourceIds.resourceOfMetricId(m.getId()),
        m.getMetricName(),
        error == null ? null : error.getCode(),
        error == null ? null : error.getMessage(),
        series);
  }
}
