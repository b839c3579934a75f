package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report counts requests with implausible usage, shows them, and keeps their tokens out. */
class ImplausibleUsageReportTest {
  static final LocalDate DAY = LocalDate.of(2025, 6, 10);

  @TempDir Path dir;

  static String line(String id, long in, long out, String cost, String status, String invalid) {
    return "{\"time\":\"2025-06-10T08:00:00Z\",\"tollgate.item_id\":\""
        + id
        + "\",\"tollgate.llm\":true,\"apim.subscription_id\":\"team-a\","
        + "\"azure.openai.deployment\":\"gpt-4o\",\"gen_ai.response.model\":\"gpt-4o\","
        + "\"gen_ai.usage.input_tokens\":"
        + in
        + ",\"gen_ai.usage.output_tokens\":"
        + out
        + ",\"tollgate.usage.source\":\"reported\",\"tollgate.cost.usd\":"
        + cost
        + ",\"tollgate.cost.status\":\""
        + status
        + "\",\"tollgate.usage.invalid\":"
        + (invalid == null ? "null" : "\"" + invalid + "\"")
        + "}\n";
  }

  CostReport report() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("requests.jsonl"),
            line("req:ok", 1000, 100, "0.0035", "priced", null)
                // as Tollgate writes it: no counts
                + line("req:neg", 0, 0, "null", "implausible_usage", "prompt_tokens=-5 is negative")
                    .replace(
                        "\"gen_ai.usage.input_tokens\":0", "\"gen_ai.usage.input_tokens\":null")
                // another writer that left the claimed counts on the line
                + line(
                    "req:huge",
                    9_007_199_254_740_993L,
                    7,
                    "null",
                    "implausible_usage",
                    "input_tokens=9007199254740993 exceeds the context window of gpt-4o (128000)"));
    return CostReports.build(
        new JsonLinesSource(List.of(f)),
        ReportPeriod.daily(DAY),
        Budgets.parse(""),
        Fixtures.CLOCK);
  }

  @Test
  void totalsCountImplausibleUsageAndLeaveItsTokensOut() throws Exception {
    Totals t = report().totals();
    assertThat(t.requests()).isEqualTo(3);
    assertThat(t.implausibleUsage()).isEqualTo(2);
    assertThat(t.priced()).isEqualTo(1);
    assertThat(t.costUsd()).isEqualByComparingTo("0.0035");
    assertThat(t.inputTokens()).isEqualTo(1000);
    assertThat(t.outputTokens()).isEqualTo(100);
  }

  @Test
  void everyRenderingShowsTheCount() throws Exception {
    CostReport r = report();
    assertThat(r.eventProperties()).containsEntry("tollgate.requests.implausible_usage", "2");
    assertThat(JsonSummary.render(r).replace(" ", "")).contains("\"implausible_usage_requests\":2");
    String byTeam = CsvReport.render(r).get("by-team");
    List<String> rows = byTeam.lines().toList();
    int col = List.of(rows.get(0).split(",")).indexOf("implausible_usage_requests");
    assertThat(col).isPositive();
    assertThat(rows.get(1).split(",")[col]).isEqualTo("2");
    assertThat(HtmlReport.render(r)).contains("Implausible usage").contains(">2<");
  }
}
