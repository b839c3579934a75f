package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.loganalytics.AzureLogsQuery;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.QueryCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Everything behind the reconciliation timer: the {@link Reconciler} windows not yet reconciled,
 * their {@code TollgateReconciliation} events, a log line per flagged deployment and the {@code
 * TollgatePipelineHealth} event of {@code timer:reconciliation}. The end of the last reconciled
 * window is a watermark in the {@link WatermarkStore} (row {@value #WATERMARK_RESOURCE} / {@value
 * #WATERMARK_METRIC}), so a missed run is caught up by the next one, oldest window first, at most
 * {@value #MAX_WINDOWS} a run; without a watermark (first run, or no store) only the last closed
 * window. Off (logs why) without an Application Insights connection, a Log Analytics workspace,
 * accounts, or when {@code TOLLGATE_EVENTS} does not send every call (then the gateway side would
 * undercount).
 */
public final class ReconciliationHandler {
  public static final String TIMER = "reconciliation";
  public static final String WATERMARK_RESOURCE = "reconciliation";
  public static final String WATERMARK_METRIC = "windows";
  public static final int MAX_WINDOWS = 24;
  static final Duration LEASE = Duration.ofMinutes(15);

  private final Reconciler reconciler;
  private final AppInsightsPublisher publisher;
  private final WatermarkStore watermarks;
  private final Clock clock;
  private final String disabledReason;

  /** A handler without a watermark: each run reconciles the last closed window only. */
  public ReconciliationHandler(Reconciler reconciler, AppInsightsPublisher publisher, Clock clock) {
    this(reconciler, publisher, null, clock);
  }

  /**
   * @param watermarks where the end of the last reconciled window is kept; null: only the last
   *     closed window each run
   */
  public ReconciliationHandler(
      Reconciler reconciler,
      AppInsightsPublisher publisher,
      WatermarkStore watermarks,
      Clock clock) {
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.watermarks = watermarks;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.disabledReason = null;
  }

  private ReconciliationHandler(String reason) {
    this.reconciler = null;
    this.publisher = null;
    this.watermarks = null;
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
    WatermarkStore store = WatermarkStore.fromSettings(env);
    return new ReconciliationHandler(reconciler, publisher.get(), store, Clock.systemUTC());
  }

  public static Reconciler.Config config(Map<String, String> env) {
    Reconciler.Config d = Reconciler.Config.defaults();
    return new Reconciler.Config(
        MonitorSettings.duration(env, MonitorSettings.RECONCILE_WINDOW, d.window()),
        MonitorSettings.duration(env, MonitorSettings.RECONCILE_DELAY, d.delay()),
        MonitorSettings.decimal(env, MonitorSettings.RECONCILE_THRESHOLD, d.threshold()),
        MonitorSettings.integer(env, MonitorSettings.RECONCILE_MIN_TOKENS, (int) d.minTokens()));
  }

  /**
   * One run; throws when a window could not be compared or its events not delivered (the watermark
   * then stays at the end of the last window delivered, and the next run retries from there).
   *
   * @return the newest window reconciled, or null when off or there was nothing to reconcile
   */
  public Reconciler.Report run(Logger log) {
    List<Reconciler.Report> reports = runWindows(log);
    return reports.isEmpty() ? null : reports.get(reports.size() - 1);
  }

  /** One run: the reports of the windows it reconciled, oldest first. */
  public List<Reconciler.Report> runWindows(Logger log) {
    if (reconciler == null) {
      log.info("reconciliation off: " + disabledReason);
      return List.of();
    }
    Instant now = clock.instant();
    String runId = UUID.randomUUID().toString();
    List<Reconciler.Report> reports = new ArrayList<>();
    List<String> flagged = new ArrayList<>();
    WatermarkStore.Claim claim = null;
    Instant reconciledTo = null;
    try {
      List<Instant[]> windows;
      if (watermarks == null) {
        windows = Collections.singletonList(reconciler.window(now));
      } else {
        claim =
            watermarks.claim(
                WATERMARK_RESOURCE, WATERMARK_METRIC, runId, now, LEASE, reconciler.window(now)[0]);
        if (claim == null) {
          log.info("reconciliation: another run holds the watermark");
          windows = List.of();
        } else {
          reconciledTo = claim.watermark();
          windows = reconciler.windows(claim.watermark(), now, MAX_WINDOWS);
        }
      }
      for (Instant[] w : windows) {
        Reconciler.Report report = reconciler.compare(w[0], w[1]);
        publisher.publishEvents(reconciler.events(report));
        reports.add(report);
        reconciledTo = w[1];
        flag(report, flagged, log);
        if (claim != null && !watermarks.advance(claim, w[1])) {
          log.warning("reconciliation: watermark claim lost at " + w[1] + ", stopping");
          break;
        }
      }
    } catch (RuntimeException e) {
      log.severe("reconciliation failed: " + e.getMessage());
      release(claim, log);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("tollgate.reconciliation.windows", reports.size());
      v.put("tollgate.errors", "1");
      v.put("tollgate.error", String.valueOf(e.getMessage()));
      health(now, v, log);
      throw e;
    }
    release(claim, log);
    int rows = 0;
    int errors = 0;
    for (Reconciler.Report r : reports) {
      rows += r.rows().size();
      errors += r.errors().size();
      r.errors().forEach(e -> log.warning("reconciliation: " + e));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("tollgate.reconciliation.windows", reports.size());
    v.put(
        "tollgate.deployments",
        reports.isEmpty() ? 0 : reports.get(reports.size() - 1).rows().size());
    v.put("tollgate.reconciliation.flagged", flagged.size());
    v.put("tollgate.events_sent", rows);
    v.put("tollgate.errors", errors);
    if (!flagged.isEmpty()) {
      v.put("tollgate.reconciliation.flagged_deployments", String.join(",", flagged));
    }
    if (reconciledTo != null) {
      v.put("tollgate.lag_seconds", Duration.between(reconciledTo, now).toSeconds());
    }
    health(now, v, log);
    return reports;
  }

  private static void flag(Reconciler.Report report, List<String> flagged, Logger log) {
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
  }

  private void release(WatermarkStore.Claim claim, Logger log) {
    if (claim == null) {
      return;
    }
    try {
      watermarks.release(claim);
    } catch (RuntimeException e) {
      log.warning("could not release the reconciliation watermark: " + e.getMessage());
    }
  }

  private void health(Instant now, Map<String, ?> values, Logger log) {
    try {
      publisher.publishEvents(List.of(TimerHealth.event(TIMER, now, now.toString(), values)));
    } catch (RuntimeException e) {
      log.warning("could not send the health event: " + e.getMessage());
    }
  }
}
