package dev.tollgate.functions;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.TrackDelivery;
import dev.tollgate.azure.BlobReportStore;
import dev.tollgate.azure.StorageConnection;
import dev.tollgate.loganalytics.AzureLogsQuery;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.WorkspaceReportSource;
import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.CostReport;
import dev.tollgate.reports.CostReportEvent;
import dev.tollgate.reports.CostReports;
import dev.tollgate.reports.ReportFiles;
import dev.tollgate.reports.ReportPeriod;
import dev.tollgate.reports.ReportSource;
import dev.tollgate.reports.ReportSourceUnavailableException;
import dev.tollgate.reports.ReportStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Everything behind the cost report timer: on each run, the reports due for the day before (UTC)
 * are built from a {@link ReportSource} and their files written to a {@link ReportStore} (Blob
 * Storage). A daily report is due every run, the weekly one when that day is a Sunday (so it covers
 * Monday to Sunday), the month-to-date one every run (on the 1st it is the whole previous month).
 *
 * <p><b>Data source.</b> In Azure the records are the {@code LlmRequest} events in the Log
 * Analytics workspace of a workspace-based Application Insights resource ({@link
 * WorkspaceReportSource}, {@value LogAnalyticsSettings#WORKSPACE_ID}). Without that setting each
 * run logs that no report was written and why, and writes nothing, rather than an empty report that
 * would read as a day without spend.
 *
 * <p><b>Event.</b> After each report is written its {@code TollgateCostReport} event ({@link
 * CostReport#event()}) goes to Application Insights when {@code
 * APPLICATIONINSIGHTS_CONNECTION_STRING} is set; a failed delivery fails the invocation once every
 * due report is written.
 */
public final class CostReportHandler {
  /** Why the scheduled reports cannot run; logged by each run. */
  static final String NO_SOURCE =
      "scheduled cost reports read the LlmRequest events from a Log Analytics workspace, and "
          + LogAnalyticsSettings.WORKSPACE_ID
          + " is not set; no report was written (set it to the workspace of the Application"
          + " Insights resource, build reports locally with ./tollgate report, or disable this"
          + " function with AzureWebJobs.CostReport.Disabled=true)";

  private final ReportSource source;
  private final ReportStore store;
  private final Budgets budgets;
  private final Set<ReportPeriod.Kind> kinds;
  private final AppInsightsPublisher publisher;

  public CostReportHandler(
      ReportSource source, ReportStore store, Budgets budgets, Set<ReportPeriod.Kind> kinds) {
    this(source, store, budgets, kinds, null);
  }

  /**
   * @param publisher where the {@code TollgateCostReport} events go; null: not sent
   */
  public CostReportHandler(
      ReportSource source,
      ReportStore store,
      Budgets budgets,
      Set<ReportPeriod.Kind> kinds,
      AppInsightsPublisher publisher) {
    this.publisher = publisher;
    this.source = Objects.requireNonNull(source, "source");
    this.store = Objects.requireNonNull(store, "store");
    this.budgets = budgets == null ? Budgets.none() : budgets;
    this.kinds = kinds.isEmpty() ? EnumSet.noneOf(ReportPeriod.Kind.class) : EnumSet.copyOf(kinds);
  }

  /**
   * A handler configured from app settings ({@link CostReportSettings}, {@code
   * AzureWebJobsStorage}).
   *
   * @throws IllegalArgumentException naming a missing or wrong setting
   */
  public static CostReportHandler fromSettings(Map<String, String> env) {
    return fromSettings(env, AzureLogsQuery::fromSettings, AppInsightsPublisher::fromSettings);
  }

  /** As {@link #fromSettings(Map)}, with the clients made by the given functions (tests). */
  static CostReportHandler fromSettings(
      Map<String, String> env,
      Function<Map<String, String>, LogsQuery> logs,
      Function<Map<String, String>, Optional<AppInsightsPublisher>> publisher) {
    BlobReportStore store =
        BlobReportStore.create(
            StorageConnection.fromSettings(env).buildClient(), CostReportSettings.container(env));
    ReportSource source =
        LogAnalyticsSettings.enabled(env)
            ? WorkspaceReportSource.fromSettings(env, logs)
            : unavailable(NO_SOURCE);
    return new CostReportHandler(
        source,
        store,
        CostReportSettings.budgets(env),
        CostReportSettings.periods(env),
        publisher.apply(env).orElse(null));
  }

  /** A source that cannot be read, with the reason. */
  static ReportSource unavailable(String reason) {
    return new ReportSource() {
      @Override
      public void read(LocalDate from, LocalDate to, dev.tollgate.reports.RecordSink sink)
          throws IOException {
        throw new ReportSourceUnavailableException(reason);
      }

      @Override
      public String description() {
        return "unavailable";
      }
    };
  }

  /** The reports due on a run at {@code now}: all of them end the day before, UTC. */
  public List<ReportPeriod> due(Instant now) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
    List<ReportPeriod> due = new ArrayList<>();
    if (kinds.contains(ReportPeriod.Kind.DAILY)) {
      due.add(ReportPeriod.daily(day));
    }
    if (kinds.contains(ReportPeriod.Kind.WEEKLY) && day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      due.add(ReportPeriod.weekly(day));
    }
    if (kinds.contains(ReportPeriod.Kind.MTD)) {
      due.add(ReportPeriod.monthToDate(day));
    }
    return due;
  }

  /**
   * Builds and writes the reports due at {@code now}; returns them (their {@link
   * CostReport#event()} is the {@code TollgateCostReport} event to send). An unavailable source is
   * logged and yields no report; a failed read or write throws, failing the invocation.
   */
  public List<CostReport> run(Instant now, Logger log) {
    List<CostReport> done = new ArrayList<>();
    List<String> undelivered = new ArrayList<>();
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    for (ReportPeriod p : due(now)) {
      CostReport report;
      try {
        report = CostReports.build(source, p, budgets, clock);
      } catch (ReportSourceUnavailableException e) {
        log.severe("CostReport: " + e.getMessage());
        return List.of();
      } catch (IOException e) {
        throw new UncheckedIOException("CostReport " + p + ": cannot read the records", e);
      }
      List<String> written;
      try {
        written = ReportFiles.write(report, store);
      } catch (IOException e) {
        throw new UncheckedIOException("CostReport " + p + ": cannot write the report", e);
      }
      log.info(
          "CostReport "
              + p
              + ": "
              + report.totals().requests()
              + " requests, "
              + report.costUsd().toPlainString()
              + " USD; "
              + written.size()
              + " files, "
              + written.get(0)
              + "; event "
              + report.eventProperties()
              + readStats());
      done.add(report);
      String failed = publish(report, log);
      if (failed != null) {
        undelivered.add(failed);
      }
    }
    if (!undelivered.isEmpty()) {
      throw new IllegalStateException(
          "CostReport: reports written, but "
              + undelivered.size()
              + " TollgateCostReport event(s) not delivered: "
              + String.join("; ", undelivered));
    }
    return done;
  }

  /** Sends the report's event; returns why it was not delivered, or null. */
  private String publish(CostReport report, Logger log) {
    if (publisher == null) {
      return null;
    }
    CostReportEvent e = report.event();
    try {
      TrackDelivery.Report r =
          publisher.publishEvent(
              e.name(), e.time(), e.properties(), e.properties().get(AppInsightsPublisher.ITEM_ID));
      if (!r.rejected().isEmpty()) {
        String why = report.period() + ": rejected " + r.rejected();
        log.severe("CostReport " + why);
        return why;
      }
      return null;
    } catch (RuntimeException ex) {
      String why = report.period() + ": " + ex.getMessage();
      log.severe("CostReport event not delivered, " + why);
      return why;
    }
  }

  private String readStats() {
    if (source instanceof WorkspaceReportSource w) {
      WorkspaceReportSource.ReadStats r = w.lastRead();
      return "; read "
          + r.rows()
          + " rows in "
          + r.chunks()
          + " queries"
          + (r.partialChunks() > 0 ? ", " + r.partialChunks() + " partial" : "")
          + (r.malformedRows() > 0 ? ", " + r.malformedRows() + " unreadable" : "")
          + (r.sampledRows() > 0 ? ", " + r.sampledRows() + " sampled (under-counted)" : "");
    }
    return "";
  }
}
