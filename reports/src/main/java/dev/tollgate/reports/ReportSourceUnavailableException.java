package dev.tollgate.reports;

import java.io.IOException;

/**
 * The report's data source cannot be read at all (not configured, or not built yet), as opposed to
 * a read that failed midway. Callers report the message and write no report: an empty report would
 * read as a month without spend.
 */
public final class ReportSourceUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public ReportSourceUnavailableException(String message) {
    super(message);
  }
}
