package dev.tollgate.monitor;

import com.azure.core.credential.TokenCredential;
import dev.tollgate.appinsights.AppInsightsPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Everything behind the platform metrics timer: one {@link MetricsPoller} run, a log line, and the
 * {@code TollgatePipelineHealth} event of {@code timer:metrics-poller}. Off (logs why, does
 * nothing) when no Application Insights connection or no account is configured: advancing
 * watermarks without a destination would lose the minutes.
 */
public final class MetricsPollerHandler {
  public static final String TIMER = "metrics-poller";

  private final MetricsPoller poller;
  private final AppInsightsPublisher publisher;
  private final Clock clock;
  private final String disabledReason;

  public MetricsPollerHandler(MetricsPoller poller, AppInsightsPublisher publisher, Clock clock) {
    this.poller = Objects.requireNonNull(poller, "poller");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.disabledReason = null;
  }

  private MetricsPollerHandler(String disabledReason) {
    this.poller = null;
    this.publisher = null;
    this.clock = Clock.systemUTC();
    this.disabledReason = disabledReason;
  }

  /** A handler that only logs why it does nothing. */
  public static MetricsPollerHandler disabled(String reason) {
    return new MetricsPollerHandler(reason);
  }

  /**
   * The handler the app settings describe ({@link MonitorSettings}), authenticating with {@code
   * DefaultAzureCredential}.
   */
  public static MetricsPollerHandler fromSettings(Map<String, String> env) {
    var publisher = AppInsightsPublisher.fromSettings(env);
    if (publisher.isEmpty()) {
      return disabled("APPLICATIONINSIGHTS_CONNECTION_STRING is not set: nowhere to write metrics");
    }
    TokenCredential credential = AzureHttp.defaultCredential();
    Jobs jobs = Jobs.fromSettings(env, credential, AzureHttp.jdkClient(Duration.ofSeconds(60)));
    if (!jobs.accounts().configured()) {
      return disabled(
          "no accounts configured: set "
              + MonitorSettings.ACCOUNT_IDS
              + ", "
              + MonitorSettings.SUBSCRIPTIONS
              + " or "
              + MonitorSettings.RESOURCE_GROUPS);
    }
    WatermarkStore store = WatermarkStore.fromSettings(env);
    MetricsPoller poller =
        new MetricsPoller(
            config(env),
            new CachedAccounts(jobs.accounts(), Clock.systemUTC(), Duration.ofMinutes(15)),
            jobs.definitions(),
            jobs.metrics(),
            store,
            MetricsOutput.appInsights(publisher.get()),
            Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis()));
    return new MetricsPollerHandler(poller, publisher.get(), Clock.systemUTC());
  }

  /** The poller's settings. */
  public static MetricsPoller.Config config(Map<String, String> env) {
    var metrics = MonitorSettings.list(env, MonitorSettings.METRICS_NAMES);
    MetricsPoller.Config d =
        MetricsPoller.Config.defaults(
            metrics.isEmpty() ? PlatformMetrics.DEFAULT_METRICS : metrics);
    return new MetricsPoller.Config(
        d.metrics(),
        MonitorSettings.duration(env, MonitorSettings.METRICS_SETTLE_DELAY, d.settleDelay()),
        MonitorSettings.duration(env, MonitorSettings.METRICS_START_LOOKBACK, d.startLookback()),
        MonitorSettings.duration(env, MonitorSettings.METRICS_MAX_SPAN, d.maxSpan()),
        MonitorSettings.integer(env, MonitorSettings.METRICS_MAX_CALLS, d.maxCalls()),
        d.lease(),
        d.maxRetryAfter());
  }

  /**
   * One run. Throws when the metrics could not be delivered (after the health event was tried), so
   * the invocation shows as failed; the next run writes the same minutes.
   */
  public MetricsPoller.Report run(Logger log) {
    if (poller == null) {
      log.info("platform metrics poller off: " + disabledReason);
      return null;
    }
    MetricsPoller.Report r;
    try {
      r = poller.run();
    } catch (RuntimeException e) {
      log.severe("platform metrics poller failed, watermarks kept: " + e.getMessage());
      health(
          Map.of("tollgate.errors", "1", "tollgate.error", String.valueOf(e.getMessage())),
          "failed",
          log);
      throw e;
    }
    log.info(
        String.format(
            "platform metrics: %d accounts, %d metrics polled (%d undefined, %d busy), %d calls,"
                + " %d throttled, %d points written, %d minutes advanced, %d errors",
            r.accounts(),
            r.metricsPolled(),
            r.metricsUndefined(),
            r.busy(),
            r.calls(),
            r.throttled(),
            r.pointsWritten(),
            r.minutesAdvanced(),
            r.errors().size()));
    for (String e : r.errors()) {
      log.warning("platform metrics: " + e);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("tollgate.accounts", r.accounts());
    v.put("tollgate.metrics_polled", r.metricsPolled());
    v.put("tollgate.metrics_undefined", r.metricsUndefined());
    v.put("tollgate.metrics_busy", r.busy());
    v.put("tollgate.calls", r.calls());
    v.put("tollgate.delivery.throttled", r.throttled());
    v.put("tollgate.metrics_sent", r.pointsWritten());
    v.put("tollgate.delivery.rejected", r.pointsRejected());
    v.put("tollgate.minutes_advanced", r.minutesAdvanced());
    v.put("tollgate.errors", r.errors().size());
    if (!r.errors().isEmpty()) {
      v.put("tollgate.error", String.join("; ", r.errors()));
    }
    if (r.oldestWatermark() != null) {
      v.put(
          "tollgate.lag_seconds",
          Duration.between(r.oldestWatermark(), clock.instant()).toSeconds());
    }
    health(v, r.runId(), log);
    return r;
  }

  private void health(Map<String, ?> values, String runId, Logger log) {
    Instant now = clock.instant();
    try {
      publisher.publishEvents(java.util.List.of(TimerHealth.event(TIMER, now, runId, values)));
    } catch (RuntimeException e) {
      log.warning("could not send the health event: " + e.getMessage());
    }
  }
}
