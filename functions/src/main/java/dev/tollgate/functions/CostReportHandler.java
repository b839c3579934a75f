package dev.tollgate.functions;

import dev.tollgate.azure.BlobReportStore;
import dev.tollgate.azure.StorageConnection;
import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.CostReport;
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
import java.util.Set;
import java.util.logging.Logger;

/**
 * Everything behind the cost report timer: on each run, the reports due for the day before (UTC)
 * are built from a {@link ReportSource} and their files written to a {@link ReportStore} (Blob
 * Storage). A daily report is due every run, the weekly one when that day is a Sunday (so it covers
 * Monday to Sunday), the month-to-date one every run (on the 1st it is the whole previous month).
 *
 * <p><b>Data source.</b> In Azure the records come from Log Analytics, whose reader is not built
 * yet. Until it is, {@link #fromSettings} uses a source that is unavailable: each run logs that no
 * report was written and why, and writes nothing, rather than an empty report that would read as a
 * day without spend.
 */
public final class CostReportHandler {
  /** Why the scheduled reports cannot run yet; logged by each run. */
  static final String NO_SOURCE =
      "scheduled cost reports need the Log Analytics report source, which is not built yet; no"
          + " report was written (build reports locally with ./tollgate report over replay output,"
          + " or disable this function with AzureWebJobs.CostReport.Disabled=true)";

  private final ReportSource source;
  private final ReportStore store;
  private final Budgets budgets;
  private final Set<ReportPeriod.Kind> kinds;

  public CostReportHandler(
      ReportSource source, ReportStore store, Budgets budgets, Set<ReportPeriod.Kind> kinds) {
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
    BlobReportStore store =
        BlobReportStore.create(
            StorageConnection.fromSettings(env).buildClient(), CostReportSettings.container(env));
    return new CostReportHandler(
        unavailable(NO_SOURCE),
        store,
        CostReportSettings.budgets(env),
        CostReportSettings.periods(env));
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
              + report.eventProperties());
      done.add(report);
    }
    return done;
  }
}
