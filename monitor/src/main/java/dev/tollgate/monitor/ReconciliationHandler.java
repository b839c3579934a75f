package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.loganalytics.AzureLogsQuery;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.QueryCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Everything behind the reconciliation timer: one {@link Reconciler} window, its {@code
 * TollgateReconciliation} events, a log line per flagged deployment and the {@code
 * TollgatePipelineHealth} event of {@code timer:reconciliation}. Off (logs why) without an
 * Application Insights connection, a Log Analytics workspace, accounts, or when {@code
 * TOLLGATE_EVENTS} does not send every call (then the gateway side would undercount).
 */
public final class ReconciliationHandler {
  public static final String TIMER = "reconciliation";

  private final Reconciler reconciler;
  private final AppInsightsPublisher publisher;
  private final Clock clock;
  private final String disabledReason;

  public ReconciliationHandler(Reconciler reconciler, AppInsightsPublisher publisher, Clock clock) {
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.disabledReason = null;
  }

  private ReconciliationHandler(String reason) {
    this.reconciler = null;
    this.publisher = null;
    this.clock = Clock.systemUTC();
    this.disabledReason = reason;
  }

  public static ReconciliationHandler disabled(String reason) {
    return new ReconciliationHandler(reason);
  }

  /** The handler the app settings describe. */
  public static ReconciliationHandler fromSettings(Map<String, String> env) {
    var publisher = AppInsightsPublisher.fromSettings(env);
    if (publisher.isEmpty()) {
      return disabled("APPLICATIONINSIGHTS_CONNECTION_STRING is not set");
    }
    String workspace = MonitorSettings.get(env, LogAnalyticsSettings.WORKSPACE_ID);
    if (workspace == null) {
      return disabled(
          LogAnalyticsSettings.WORKSPACE_ID + " is not set: the gateway side cannot be read");
    }
    String events = MonitorSettings.get(env, "TOLLGATE_EVENTS");
    if (events != null
        && !events.toLowerCase(Locale.ROOT).equals("all")
        && !events.toLowerCase(Locale.ROOT).startsWith("sampled")) {
      return disabled("TOLLGATE_EVENTS=" + events + " does not record every call");
    }
    Jobs jobs =
        Jobs.fromSettings(
            env, AzureHttp.defaultCredential(), AzureHttp.jdkClient(Duration.ofSeconds(60)));
    if (!jobs.accounts().configured()) {
      return disabled("no accounts configured (" + MonitorSettings.ACCOUNT_IDS + ", ...)");
    }
    Reconciler reconciler =
        new Reconciler(
            config(env),
            jobs.accounts(),
            jobs.metrics(),
            AzureLogsQuery.fromSettings(env),
            workspace,
            QueryCatalog.classpath());
    return new ReconciliationHandler(reconciler, publisher.get(), Clock.systemUTC());
  }

  public static Reconciler.Config config(Map<String, String> env) {
    Reconciler.Config d = Reconciler.Config.defaults();
    return new Reconciler.Config(
        MonitorSettings.duration(env, MonitorSettings.RECONCILE_WINDOW, d.window()),
        MonitorSettings.duration(env, MonitorSettings.RECONCILE_DELAY, d.delay()),
        MonitorSettings.decimal(env, MonitorSettings.RECONCILE_THRESHOLD, d.threshold()),
        MonitorSettings.integer(env, MonitorSettings.RECONCILE_MIN_TOKENS, (int) d.minTokens()));
  }

  /** One run; throws when the events could not be delivered. */
  public Reconciler.Report run(Logger log) {
    if (reconciler == null) {
      log.info("reconciliation off: " + disabledReason);
      return null;
    }
    Instant now = clock.instant();
    Reconciler.Report report;
    try {
      report = reconciler.run(now);
      publisher.publishEvents(reconciler.events(report));
    } catch (RuntimeException e) {
      log.severe("reconciliation failed: " + e.getMessage());
      health(
          now,
          Map.of("tollgate.errors", "1", "tollgate.error", String.valueOf(e.getMessage())),
          log);
      throw e;
    }
    List<String> flagged = new ArrayList<>();
    for (Reconciler.Row r : report.rows()) {
      if (!r.verdict().equals("ok") && !r.verdict().equals("insufficient_data")) {
        flagged.add(r.deployment() + "=" + r.verdict());
        log.warning(
            String.format(
                Locale.ROOT,
                "reconciliation %s..%s %s: platform %.0f tokens / %.0f calls, gateway %.0f tokens /"
                    + " %.0f calls: %s",
                report.windowStart(),
                report.windowEnd(),
                r.deployment(),
                r.platformTokens(),
                r.platformRequests(),
                r.gatewayTokens(),
                r.gatewayRequests(),
                r.verdict()));
      }
    }
    report.errors().forEach(e -> log.warning("reconciliation: " + e));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("tollgate.deployments", report.rows().size());
    v.put("tollgate.reconciliation.flagged", flagged.size());
    v.put("tollgate.events_sent", report.rows().size());
    v.put("tollgate.errors", report.errors().size());
    if (!flagged.isEmpty()) {
      v.put("tollgate.reconciliation.flagged_deployments", String.join(",", flagged));
    }
    v.put("tollgate.lag_seconds", Duration.between(report.windowEnd(), now).toSeconds());
    health(now, v, log);
    return report;
  }

  private void health(Instant now, Map<String, ?> values, Logger log) {
    try {
      publisher.publishEvents(List.of(TimerHealth.event(TIMER, now, now.toString(), values)));
    } catch (RuntimeException e) {
      log.warning("could not send the health event: " + e.getMessage());
    }
  }
}
