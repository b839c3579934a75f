package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher.MetricPoint;
import dev.tollgate.core.model.ItemIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Azure OpenAI platform metrics Tollgate reads (../shared/FORMATS.md §3), the names they get in
 * Application Insights, and the conversion of their 1-minute points into metric items.
 */
public final class PlatformMetrics {
  /** The namespace of the accounts' metrics. */
  public static final String NAMESPACE = "Microsoft.CognitiveServices/accounts";

  /** What each item says it came from. */
  public static final String SOURCE = "azure-monitor";

  /** REST name to output name, for the metrics Tollgate knows. */
  static final Map<String, String> OUTPUT_NAMES = outputNames();

  /** The metrics polled when {@link MonitorSettings#METRICS_NAMES} is not set. */
  public static final List<String> DEFAULT_METRICS =
      List.of(
          "AzureOpenAIRequests",
          "ProcessedPromptTokens",
          "GeneratedTokens",
          "TokenTransaction",
          "AzureOpenAITimeToResponse",
          "AzureOpenAITTLTInMS",
          "AzureOpenAIProvisionedManagedUtilizationV2",
          "AzureOpenAIContextTokensCacheMatchRate");

  /** Dimensions the poller splits by, where a metric has them, and their output names. */
  static final Map<String, String> SPLIT_DIMENSIONS = splitDimensions();

  private PlatformMetrics() {}

  private static Map<String, String> outputNames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("AzureOpenAIRequests", "azure.openai.requests");
    m.put("ProcessedPromptTokens", "azure.openai.tokens.prompt");
    m.put("GeneratedTokens", "azure.openai.tokens.generated");
    m.put("TokenTransaction", "azure.openai.tokens.total");
    m.put("ActiveTokens", "azure.openai.tokens.active");
    m.put("AzureOpenAITimeToResponse", "azure.openai.time_to_response_ms");
    m.put("AzureOpenAITTLTInMS", "azure.openai.time_to_last_byte_ms");
    m.put("AzureOpenAINormalizedTTFTInMS", "azure.openai.normalized_ttft_ms");
    m.put("AzureOpenAINormalizedTBTInMS", "azure.openai.normalized_tbt_ms");
    m.put("AzureOpenAITokenPerSecond", "azure.openai.tokens_per_second");
    m.put("AzureOpenAIProvisionedManagedUtilizationV2", "azure.openai.ptu_utilization");
    m.put("AzureOpenAIContextTokensCacheMatchRate", "azure.openai.cache_match_rate");
    m.put("AzureOpenAIAvailabilityRate", "azure.openai.availability_rate");
    Map<String, String> lower = new LinkedHashMap<>();
    m.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return Map.copyOf(lower);
  }

  private static Map<String, String> splitDimensions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ModelDeploymentName", "azure.openai.deployment");
    m.put("ModelName", "azure.openai.model");
    m.put("ModelVersion", "azure.openai.model_version");
    m.put("StatusCode", "http.response.status_code");
    return m;
  }

  /** The output name: known metrics by the table above, others {@code azure.openai.<snake>}. */
  public static String outputName(String restName) {
    String known = OUTPUT_NAMES.get(restName.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    String snake =
        restName
            .replaceFirst("^AzureOpenAI", "")
            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);
    return "azure.openai." + snake;
  }

  /** The split dimensions (REST names, in a fixed order) a metric has. */
  static List<String> splitFor(MetricInfo info) {
    List<String> out = new ArrayList<>();
    for (String d : SPLIT_DIMENSIONS.keySet()) {
      if (info.hasDimension(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /** The getBatch filter splitting by these dimensions; null for none. */
  static String filter(List<String> dimensions) {
    if (dimensions.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String d : dimensions) {
      parts.add(d + " eq '*'");
    }
    return String.join(" and ", parts);
  }

  /** The deterministic id of one point: resource, metric, minute and dimension values. */
  public static String itemId(
      String resourceId, String metric, Instant minute, Map<String, String> dims) {
    StringBuilder d = new StringBuilder();
    new TreeMap<>(dims).forEach((k, v) -> d.append(k).append('=').append(v).append('\n'));
    return "pm:h"
        + ItemIds.hash(
            ResourceIds.key(resourceId),
            metric.toLowerCase(Locale.ROOT),
            minute.toString(),
            d.toString());
  }

  /**
   * The metric items of one result's points with a time in {@code [from, to)}. Points without a
   * value (null aggregates: no data that minute) give nothing; nor do zero totals.
   */
  public static List<MetricPoint> points(
      PlatformMetricsSource.Result result, MetricInfo info, Instant from, Instant to) {
    List<MetricPoint> out = new ArrayList<>();
    String aggregation =
        info == null || info.primaryAggregation() == null
            ? "Total"
            : info.primaryAggregation().toLowerCase(Locale.ROOT);
    String name = outputName(result.metric());
    String accountName = ResourceIds.name(result.resourceId());
    for (PlatformMetricsSource.Series s : result.series()) {
      Map<String, String> dims = new LinkedHashMap<>();
      Map<String, String> restDims = new TreeMap<>();
      for (Map.Entry<String, String> sd : SPLIT_DIMENSIONS.entrySet()) {
        String v = s.dimensions().get(sd.getKey().toLowerCase(Locale.ROOT));
        if (v != null) {
          dims.put(sd.getValue(), v);
          restDims.put(sd.getKey().toLowerCase(Locale.ROOT), v);
        }
      }
      String model = dims.get("azure.openai.model");
      String version = dims.get("azure.openai.model_version");
      if (model != null && version != null && !version.isBlank()) {
        dims.put("gen_ai.response.model", model + "-" + version);
      }
      dims.put("azure.resource_id", ResourceIds.normalize(result.resourceId()));
      dims.put("azure.openai.account", accountName);
      dims.put("azure.monitor.metric", result.metric());
      dims.put("tollgate.source", SOURCE);
      for (PlatformMetricsSource.Point p : s.points()) {
        Instant t = p.time();
        if (t.isBefore(from) || !t.isBefore(to)) {
          continue;
        }
        MetricPoint mp =
            convert(
                name,
                aggregation,
                p,
                dims,
                itemId(result.resourceId(), result.metric(), t, restDims));
        if (mp != null) {
          out.add(mp);
        }
      }
    }
    return out;
  }

  private static MetricPoint convert(
      String name,
      String aggregation,
      PlatformMetricsSource.Point p,
      Map<String, String> dims,
      String id) {
    Double count = p.count();
    switch (aggregation) {
      case "average":
        {
          if (p.average() == null) {
            return null;
          }
          long n = count == null || count < 1 ? 1 : Math.round(count);
          double avg = p.average();
          return new MetricPoint(
              name,
              p.time(),
              avg * n,
              n,
              p.minimum() == null ? avg : p.minimum(),
              p.maximum() == null ? avg : p.maximum(),
              dims,
              id);
        }
      case "count":
        {
          if (count == null || count == 0) {
            return null;
          }
          return MetricPoint.single(name, p.time(), count, dims, id);
        }
      case "maximum":
        return p.maximum() == null
            ? null
            : MetricPoint.single(name, p.time(), p.maximum(), dims, id);
      case "minimum":
        return p.minimum() == null
            ? null
            : MetricPoint.single(name, p.time(), p.minimum(), dims, id);
      default:
        {
          Double total = p.total();
          if (total == null || total == 0) {
            return null;
          }
          long n = count == null || count < 1 ? 1 : Math.round(count);
          return new MetricPoint(
              name,
              p.time(),
              total,
              n,
              p.minimum() == null ? total / n : p.minimum(),
              p.maximum() == null ? total / n : p.maximum(),
              dims,
              id);
        }
    }
  }
}
