package dev.tollgate.monitor;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The Azure clients the jobs share, built from settings: ARM (accounts, deployments, metric
 * definitions through azure-resourcemanager-monitor) and the metrics data plane.
 */
public record Jobs(
    ArmRest arm,
    ArmAccounts accounts,
    MetricDefinitionsSource definitions,
    PlatformMetricsSource metrics,
    com.azure.resourcemanager.monitor.MonitorManager monitor) {

  /**
   * @param client the HTTP client (tests pass one that trusts a local certificate)
   */
  public static Jobs fromSettings(
      Map<String, String> env, TokenCredential credential, HttpClient client) {
    return create(
        Objects.requireNonNullElse(
            MonitorSettings.get(env, MonitorSettings.ARM_ENDPOINT),
            MonitorSettings.DEFAULT_ARM_ENDPOINT),
        Objects.requireNonNullElse(
            MonitorSettings.get(env, MonitorSettings.METRICS_ENDPOINT),
            MonitorSettings.DEFAULT_METRICS_ENDPOINT),
        MonitorSettings.list(env, MonitorSettings.SUBSCRIPTIONS),
        MonitorSettings.list(env, MonitorSettings.RESOURCE_GROUPS),
        MonitorSettings.list(env, MonitorSettings.ACCOUNT_IDS),
        credential,
        client,
        2,
        Duration.ofSeconds(1));
  }

  /** The clients over explicit endpoints. */
  public static Jobs create(
      String armEndpoint,
      String metricsEndpoint,
      java.util.List<String> subscriptions,
      java.util.List<String> resourceGroups,
      java.util.List<String> accountIds,
      TokenCredential credential,
      HttpClient client,
      int retries,
      Duration retryDelay) {
    String arm =
        armEndpoint.endsWith("/")
            ? armEndpoint.substring(0, armEndpoint.length() - 1)
            : armEndpoint;
    HttpPipeline pipeline =
        AzureHttp.pipeline(credential, arm + "/.default", client, retries, retryDelay);
    ArmRest rest = new ArmRest(pipeline, arm);
    var manager = ArmMetricDefinitions.manager(pipeline, arm);
    return new Jobs(
        rest,
        new ArmAccounts(rest, subscriptions, resourceGroups, accountIds),
        new ArmMetricDefinitions(manager, Clock.systemUTC(), Duration.ofHours(6)),
        new AzureMonitorMetrics(metricsEndpoint, credential, client, retries, retryDelay, 1000),
        manager);
  }
}
