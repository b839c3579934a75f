package dev.tollgate.reports;

import java.io.IOException;
import java.time.Clock;

/** Builds a report from a source: the one entry point the CLI and the timer function share. */
public final class CostReports {
  private CostReports() {}

  /**
   * Reads the source over every day the report needs (the previous period and the month to date
   * included) and computes the report.
   */
  public static CostReport build(
      ReportSource source, ReportPeriod period, Budgets budgets, Clock clock) throws IOException {
    CostReportBuilder b = new CostReportBuilder(period, budgets);
    source.read(b.readFrom(), b.readTo(), b);
    return b.build(clock.instant(), source.description());
  }
}
