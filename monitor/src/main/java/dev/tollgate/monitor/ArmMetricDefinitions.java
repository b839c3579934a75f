package dev.tollgate.monitor;

import com.azure.core.http.HttpPipeline;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.monitor.MonitorManager;
import com.azure.resourcemanager.monitor.models.LocalizableString;
import com.azure.resourcemanager.monitor.models.MetricDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metric definitions through azure-resourcemanager-monitor ({@code MonitorManager}), read once per
 * resource and kept for {@code ttl}: which metrics a resource has (not every metric exists for
 * every deployment type) and with which dimensions.
 */
public final class ArmMetricDefinitions implements MetricDefinitionsSource {
  private record Cached(Map<String, MetricInfo> definitions, Instant until) {}

  private final MonitorManager manager;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ArmMetricDefinitions(MonitorManager manager, Clock clock, Duration ttl) {
    this.manager = manager;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A manager over {@code pipeline} talking to {@code armEndpoint}. */
  public static MonitorManager manager(HttpPipeline pipeline, String armEndpoint) {
    return MonitorManager.authenticate(pipeline, profile(armEndpoint));
  }

  /** The public cloud's profile with another Resource Manager endpoint (other clouds, tests). */
  static AzureProfile profile(String armEndpoint) {
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    String e = armEndpoint.endsWith("/") ? armEndpoint : armEndpoint + "/";
    endpoints.put("resourceManagerEndpointUrl", e);
    // Metric definitions do not name a subscription in their path; the manager wants one all the
    // same.
    return new AzureProfile(
        null, "00000000-0000-0000-0000-000000000000", new AzureEnvironment(endpoints));
  }

  @Override
  public Map<String, MetricInfo> definitions(String resourceId) {
    String key = ResourceIds.key(resourceId);
    Instant now = clock.instant();
    Cached c = cache.get(key);
    if (c != null && c.until().isAfter(now)) {
      return c.definitions();
    }
    Map<String, MetricInfo> out = new LinkedHashMap<>();
    try {
      for (MetricDefinition d :
          manager
              .metricDefinitions()
              .listByResource(ResourceIds.normalize(resourceId).substring(1))) {
        if (d.name() == null || d.name().value() == null) {
          continue;
        }
        Set<String> dims = new HashSet<>();
        if (d.dimensions() != null) {
          for (LocalizableString s : d.dimensions()) {
            if (s.value() != null) {
              dims.add(s.value());
            }
          }
        }
        String primary =
            d.primaryAggregationType() == null ? null : d.primaryAggregationType().toString();
        out.put(
            d.name().value().toLowerCase(Locale.ROOT),
            new MetricInfo(d.name().value(), dims, primary));
      }
    } catch (RuntimeException e) {
      throw AzureHttp.translate("reading the metric definitions of " + resourceId, e);
    }
    Map<String, MetricInfo> result = Map.copyOf(out);
    cache.put(key, new Cached(result, now.plus(ttl)));
    return result;
  }
}
