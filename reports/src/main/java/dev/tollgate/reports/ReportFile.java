package dev.tollgate.reports;

import java.nio.charset.StandardCharsets;

/**
 * One output of a report.
 *
 * @param name relative path, e.g. {@code reports/2025/06/10/daily-cost-report.html}
 * @param contentType MIME type with charset
 * @param text the content (written as UTF-8)
 */
public record ReportFile(String name, String contentType, String text) {
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
