package dev.tollgate.reports;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Where a report's records come from: {@code requests.jsonl} files ({@link JsonLinesSource}), or,
 * for scheduled runs in Azure, a Log Analytics workspace ({@code WorkspaceReportSource} in the
 * loganalytics module, which depends on this one).
 */
public interface ReportSource {
  /**
   * Hands every record of the UTC days {@code from}..{@code to} (both included) to the sink. A
   * source may hand over more (a file has what it has); the report filters by day.
   */
  void read(LocalDate from, LocalDate to, RecordSink sink) throws IOException;

  /** Where the records come from, for the report's header (e.g. the files read). */
  String description();
}
