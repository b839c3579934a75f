package dev.tollgate.reports;

import java.io.IOException;

/** Where report files go: a folder ({@link DirectoryReportStore}) or a Blob container. */
public interface ReportStore {
  /**
   * Writes (or replaces) one file.
   *
   * @return where it went, for the user: a path or a URL
   */
  String write(ReportFile file) throws IOException;
}
