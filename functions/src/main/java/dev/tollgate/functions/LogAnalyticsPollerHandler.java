package dev.tollgate.functions;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.loganalytics.AzureLogsQuery;
import dev.tollgate.loganalytics.LogAnalyticsPoller;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.MetricRow;
import dev.tollgate.loganalytics.MetricRowSink;
import dev.tollgate.loganalytics.PollReport;
import dev.tollgate.monitor.TimerHealth;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Everything behind the Log Analytics poller timer: each run polls the configured workspace queries
 * once ({@link LogAnalyticsPoller}), sends their metric items to Application Insights as custom
 * metrics, and ends with a {@code TollgatePipelineHealth} event ({@code tollgate.source} = {@value
 * #SOURCE}) so the "a timer stopped running" alert sees every run.
 *
 * <p>Without {@value LogAnalyticsSettings#WORKSPACE_ID} the poller is off: a run logs that and
 * sends its health event. Without {@code APPLICATIONINSIGHTS_CONNECTION_STRING} the items are only
 * counted and logged. A run in which a query did not answer (throttled, timed out, failed) fails
 * the invocation after its items and its health event were sent.
 */
public final class LogAnalyticsPollerHandler {
  static final String TIMER = "loganalytics";
  static final String SOURCE = TimerHealth.source(TIMER);

  private final LogAnalyticsPoller poller;
  private final AppInsightsPublisher publisher;

  /**
   * @param poller null when the poller is off
   * @param publisher null without Application Insights
   */
  LogAnalyticsPollerHandler(LogAnalyticsPoller poller, AppInsightsPublisher publisher) {
    this.poller = poller;
    this.publisher = publisher;
  }

  /**
   * A handler over the app settings ({@link LogAnalyticsSettings}, Application Insights).
   *
   * @throws IllegalArgumentException naming a wrong setting or query
   */
  public static LogAnalyticsPollerHandler fromSettings(Map<String, String> env) {
    return fromSettings(env, AzureLogsQuery::fromSettings, AppInsightsPublisher::fromSettings);
  }

  static LogAnalyticsPollerHandler fromSettings(
      Map<String, String> env,
      Function<Map<String, String>, LogsQuery> logs,
      Function<Map<String, String>, Optional<AppInsightsPublisher>> publisher) {
    LogAnalyticsPoller poller =
        LogAnalyticsSettings.enabled(env)
            ? LogAnalyticsPoller.create(logs.apply(env), LogAnalyticsSettings.config(env))
            : null;
    return new LogAnalyticsPollerHandler(poller, publisher.apply(env).orElse(null));
  }

  /**
   * One run.
   *
   * @return what the poller did; empty when it is off
   * @throws IllegalStateException when a query did not answer (after the health event was sent)
   */
  public Optional<PollReport> run(Instant now, Logger log) {
    Map<String, Object> health = new LinkedHashMap<>();
    if (poller == null) {
      log.info(
          "LogAnalyticsPoller: off ("
              + LogAnalyticsSettings.WORKSPACE_ID
              + " is not set); nothing polled");
      health.put("tollgate.la.status", "off");
      sendHealth(now, "off", health, log);
      return Optional.empty();
    }
    AppInsightsMetricRowSink ai =
        publisher == null ? null : new AppInsightsMetricRowSink(publisher);
    int[] counted = new int[1];
    MetricRowSink sink =
        ai != null
            ? ai
            : new MetricRowSink() {
              @Override
              public void accept(MetricRow row) {
                counted[0]++;
              }
            };
    PollReport report;
    try {
      report = poller.run(sink);
    } catch (RuntimeException e) {
      health.put("tollgate.la.status", "delivery_failed");
      health.put("tollgate.la.error", e.getMessage());
      sendHealth(now, poller.window().toString(), health, log);
      throw e;
    }
    if (report.failed()) {
      log.warning(report.summary());
    } else {
      log.info(report.summary());
    }
    if (ai == null) {
      log.info(
          "LogAnalyticsPoller: "
              + counted[0]
              + " metric item(s) not sent: APPLICATIONINSIGHTS_CONNECTION_STRING is not set");
    }
    long notOk = report.outcomes().stream().filter(o -> o.status() != PollReport.Status.OK).count();
    health.put("tollgate.la.status", report.failed() ? "failed" : notOk > 0 ? "partial" : "ok");
    health.put("tollgate.la.window_start", report.window().start());
    health.put("tollgate.la.window_end", report.window().end());
    health.put("tollgate.la.queries", report.outcomes().size());
    health.put(
        "tollgate.la.queries_failed",
        report.outcomes().stream()
            .filter(
                o -> o.status() != PollReport.Status.OK && o.status() != PollReport.Status.PARTIAL)
            .count());
    health.put(
        "tollgate.la.queries_partial",
        report.outcomes().stream().filter(o -> o.status() == PollReport.Status.PARTIAL).count());
    health.put(
        "tollgate.la.rows", report.outcomes().stream().mapToInt(PollReport.Outcome::rows).sum());
    health.put("tollgate.metrics_sent", ai == null ? 0 : ai.sent());
    health.put("tollgate.delivery.rejected", ai == null ? 0 : ai.rejected());
    health.put("tollgate.delivery.retries", ai == null ? 0 : ai.retries());
    health.put("tollgate.delivery.throttled", ai == null ? 0 : ai.throttled());
    sendHealth(now, report.window().toString(), health, log);
    if (report.failed()) {
      throw new IllegalStateException(
          "LogAnalyticsPoller: not every query answered; " + report.summary());
    }
    return Optional.of(report);
  }

  private void sendHealth(Instant now, String runId, Map<String, Object> values, Logger log) {
    if (publisher == null) {
      return;
    }
    try {
      publisher.publishEvents(java.util.List.of(TimerHealth.event(TIMER, now, runId, values)));
    } catch (RuntimeException e) {
      // The run's own outcome matters more; the alert will notice missing health events.
      log.severe("LogAnalyticsPoller: health event not delivered: " + e.getMessage());
    }
  }
}
