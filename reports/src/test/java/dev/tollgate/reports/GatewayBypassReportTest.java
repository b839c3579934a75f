package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accounts' own records of calls (resource logs) against APIM's, on {@code
 * reports/requests-bypass.jsonl} (2025-06-10, hand-written):
 *
 * <pre>
 *   aoai-eu gpt-4o       APIM 3 (g1 redelivered), account 5 (r2 redelivered, one as AOAI-EU,
 *                        r5 with usage and a 0.5 cost)                        bypass 2, share 0.4
 *   aoai-eu Embed-Small  APIM 2 as embed-small, account 2                    bypass 0
 *   aoai-eu o3-mini      APIM 0, account 1                                   bypass 1, share 1
 *   aoai-eu gpt-4.1      APIM 2 on lines without an account, account 2        bypass 0
 *   aoai-eu phi-4        APIM 1, account 0                                   bypass 0, no share
 *   aoai-us gpt-4o       APIM 4, no resource logs from aoai-us               no row
 *   an account record of 2025-06-09 (outside the day) and an Audit ListKey record
 * </pre>
 *
 * Every APIM call costs 0.001: 12 calls, 0.012 USD.
 */
class GatewayBypassReportTest {
  private static String json(CostReport r) {
    return JsonSummary.render(r).replaceAll("\\s", "");
  }

  private static CostReport report(String resource) throws Exception {
    Path p;
    try {
      p = Path.of(GatewayBypassReportTest.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return CostReports.build(
        new JsonLinesSource(List.of(p)),
        ReportPeriod.daily(LocalDate.of(2025, 6, 10)),
        Budgets.none(),
        Fixtures.CLOCK);
  }

  @Test
  void bypassIsWhatEachAccountLoggedBeyondWhatApimPassedPerDeployment() throws Exception {
    CostReport r = report("/reports/requests-bypass.jsonl");

    assertThat(r.gatewayBypass())
        .extracting(
            BypassedDeployment::account,
            BypassedDeployment::deployment,
            BypassedDeployment::accountRequests,
            BypassedDeployment::gatewayRequests,
            BypassedDeployment::bypassRequests,
            BypassedDeployment::bypassShare)
        .containsExactly(
            tuple("aoai-eu", "gpt-4o", 5L, 3L, 2L, new BigDecimal("0.4000")),
            tuple("aoai-eu", "o3-mini", 1L, 0L, 1L, new BigDecimal("1.0000")),
            tuple("aoai-eu", "Embed-Small", 2L, 2L, 0L, new BigDecimal("0.0000")),
            tuple("aoai-eu", "gpt-4.1", 2L, 2L, 0L, new BigDecimal("0.0000")),
            tuple("aoai-eu", "phi-4", 0L, 1L, 0L, null));
  }

  @Test
  void resourceLogRecordsAreNeitherRequestsNorSpend() throws Exception {
    CostReport r = report("/reports/requests-bypass.jsonl");

    assertThat(r.totals().requests()).isEqualTo(12);
    assertThat(r.totals().costUsd()).isEqualByComparingTo("0.012");
    assertThat(r.breakdown("by-deployment").orElseThrow().rows())
        .extracting(Breakdown.Row::label)
        .containsExactlyInAnyOrder("gpt-4o", "embed-small", "gpt-4.1", "phi-4");
    InputStats in = r.input();
    assertThat(in.records()).isEqualTo(26);
    assertThat(in.resourceLog()).isEqualTo(13);
    assertThat(in.notLlm()).isZero();
    assertThat(in.duplicates()).isEqualTo(2);
  }

  @Test
  void everyOutputCarriesTheBypassLine() throws Exception {
    CostReport r = report("/reports/requests-bypass.jsonl");

    String csv = CsvReport.render(r).get("gateway-bypass");
    assertThat(csv.lines().toList())
        .startsWith(
            "from,to,account,deployment,account_requests,gateway_requests,bypass_requests,bypass_share",
            "2025-06-10,2025-06-10,aoai-eu,gpt-4o,5,3,2,0.4000")
        .hasSize(6)
        .endsWith("2025-06-10,2025-06-10,aoai-eu,phi-4,0,1,0,");
    assertThat(json(r))
        .contains(
            "\"gateway_bypass\":[{\"account\":\"aoai-eu\",\"deployment\":\"gpt-4o\","
                + "\"account_requests\":5,\"gateway_requests\":3,\"bypass_requests\":2,"
                + "\"bypass_share\":0.4000}",
            "\"deployment\":\"phi-4\",\"account_requests\":0,\"gateway_requests\":1,"
                + "\"bypass_requests\":0,\"bypass_share\":null}]",
            "\"resource_log_records\":13");
    String html = HtmlReport.render(r);
    assertThat(html)
        .contains("Traffic that bypassed the gateway", "13 records of the Azure OpenAI");
    assertThat(html.substring(html.indexOf("Traffic that bypassed")))
        .contains("aoai-eu", "o3-mini");
  }

  @Test
  void withoutResourceLogsNothingIsSaidAboutBypass() throws Exception {
    CostReport r = report("/reports/requests-small.jsonl");

    assertThat(r.gatewayBypass()).isEmpty();
    assertThat(r.input().resourceLog()).isZero();
    assertThat(CsvReport.render(r).get("gateway-bypass").lines()).hasSize(1);
    assertThat(json(r)).contains("\"gateway_bypass\":[]", "\"resource_log_records\":0");
    assertThat(HtmlReport.render(r)).doesNotContain("bypass", "resource log");
  }
}
