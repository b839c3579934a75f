package dev.tollgate.reports;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names and renders every output of a report, under {@code reports/yyyy/MM/dd/} of the report's
 * last day, each name starting with the period's name ({@code daily}, {@code weekly}, {@code mtd},
 * {@code range-20250601-20250610}):
 *
 * <ul>
 *   <li>{@code <period>-cost-report.html}: the self-contained HTML report;
 *   <li>{@code <period>-cost-summary.json}: the JSON summary;
 *   <li>{@code <period>-by-team.csv}, {@code -by-product.csv}, {@code -by-deployment.csv}, {@code
 *       -by-model.csv}, {@code -by-team-product-deployment-model.csv}, {@code -by-day.csv}, {@code
 *       -budgets.csv}, {@code -movers.csv}, {@code -unpriced-models.csv}, {@code
 *       -gateway-bypass.csv} (calls the accounts logged beyond those APIM passed; header only
 *       without resource logs): CSV for finance;
 *   <li>{@code <period>-focus-cost.csv}: the cost as a FOCUS 1.2 file ({@link FocusExport}).
 * </ul>
 *
 * The same names are used in a folder and in a Blob container, so a re-run replaces its files.
 */
public final class ReportFiles {
  public static final String HTML = "text/html; charset=utf-8";
  public static final String CSV = "text/csv; charset=utf-8";
  public static final String JSON = "application/json; charset=utf-8";

  private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private ReportFiles() {}

  /** The common start of every file name, e.g. {@code reports/2025/06/10/daily}. */
  public static String prefix(ReportPeriod p) {
    return "reports/" + p.to().format(FOLDER) + "/" + p.name();
  }

  /** The HTML report's name. */
  public static String htmlName(ReportPeriod p) {
    return prefix(p) + "-cost-report.html";
  }

  /** Every file, the HTML report first, then the JSON summary, then the CSV files. */
  public static List<ReportFile> render(CostReport r) {
    String prefix = prefix(r.period());
    List<ReportFile> files = new ArrayList<>();
    files.add(new ReportFile(htmlName(r.period()), HTML, HtmlReport.render(r)));
    files.add(new ReportFile(prefix + "-cost-summary.json", JSON, JsonSummary.render(r)));
    for (Map.Entry<String, String> e : CsvReport.render(r).entrySet()) {
      files.add(new ReportFile(prefix + "-" + e.getKey() + ".csv", CSV, e.getValue()));
    }
    files.add(new ReportFile(prefix + "-" + FocusExport.NAME + ".csv", CSV, FocusExport.render(r)));
    return files;
  }

  /** Renders and writes every file; returns where each went, in order. */
  public static List<String> write(CostReport r, ReportStore store) throws IOException {
    List<String> written = new ArrayList<>();
    for (ReportFile f : render(r)) {
      written.add(store.write(f));
    }
    return written;
  }
}
