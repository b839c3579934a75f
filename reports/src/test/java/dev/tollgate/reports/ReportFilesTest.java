package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
  @TempDir Path tmp;

  @Test
  void namesFilesByTheReportsLastDayAndPeriod() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.weekly(LocalDate.of(2025, 6, 10)), Budgets.none());
    List<ReportFile> files = ReportFiles.render(r);
    assertThat(files)
        .extracting(ReportFile::name)
        .containsExactly(
            "reports/2025/06/10/weekly-cost-report.html",
            "reports/2025/06/10/weekly-cost-summary.json",
            "reports/2025/06/10/weekly-by-team.csv",
            "reports/2025/06/10/weekly-by-product.csv",
            "reports/2025/06/10/weekly-by-deployment.csv",
            "reports/2025/06/10/weekly-by-model.csv",
            "reports/2025/06/10/weekly-by-team-product-deployment-model.csv",
            "reports/2025/06/10/weekly-by-day.csv",
            "reports/2025/06/10/weekly-budgets.csv",
            "reports/2025/06/10/weekly-movers.csv",
            "reports/2025/06/10/weekly-unpriced-models.csv",
            "reports/2025/06/10/weekly-gateway-bypass.csv",
            "reports/2025/06/10/weekly-focus-cost.csv");
    assertThat(files.get(0).contentType()).startsWith("text/html");
    assertThat(files.get(2).contentType()).startsWith("text/csv");
    assertThat(
            ReportFiles.htmlName(
                ReportPeriod.range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31))))
        .isEqualTo("reports/2025/01/31/range-20250101-20250131-cost-report.html");
  }

  @Test
  void writesEveryFileUnderTheFolderAndReplacesOnARerun() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(LocalDate.of(2025, 6, 10)), Budgets.none());
    DirectoryReportStore store = new DirectoryReportStore(tmp);
    List<String> written = ReportFiles.write(r, store);
    assertThat(written).hasSize(13);
    Path html = tmp.resolve("reports/2025/06/10/daily-cost-report.html");
    assertThat(written.get(0)).isEqualTo(html.toString());
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
    ReportFiles.write(r, store);
    try (var s = Files.list(html.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .hasSize(13)
          .noneMatch(n -> n.endsWith(".tmp"));
    }
    assertThatThrownBy(() -> store.write(new ReportFile("../escape.txt", "text/plain", "x")))
        .hasMessageContaining("escapes");
  }

  @Test
  void theJsonSummaryCarriesTotalsBudgetsMoversAndUnpriced() throws Exception {
    CostReport r =
        Fixtures.report(
            ReportPeriod.daily(LocalDate.of(2025, 6, 10)), CostReportGoldenTest.budgets());
    String json = JsonSummary.render(r);
    com.fasterxml.jackson.core.JsonFactory f = new com.fasterxml.jackson.core.JsonFactory();
    try (var p = f.createParser(json)) {
      while (p.nextToken() != null) {
        // well-formed JSON all the way through
      }
    }
    assertThat(json)
        .contains("\"report\" : \"TollgateCostReport\"")
        .contains("\"cost_usd\" : 0.0271")
        .contains("\"forecast_usd\" : 1.5012")
        .contains("\"status\" : \"over\"")
        .contains("\"model\" : \"phi-4\"")
        .contains("\"change_share\" : null")
        .contains("\"duplicates\" : 1")
        .doesNotContainPattern("\\d[eE][+-]?\\d");
  }
}
