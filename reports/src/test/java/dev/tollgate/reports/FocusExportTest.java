package dev.tollgate.reports;

import static dev.tollgate.reports.FocusColumn.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FOCUS file against the FOCUS 1.2 column table and against hand-computed rows of {@code
 * reports/focus/requests-focus.jsonl} (2025-06-10; USD per 1M: gpt-4o 2.50 input / 1.25 cached / 10
 * output, gpt-4o-mini 0.15 / 0.60):
 *
 * <pre>
 * contoso-aoai (ARM id and region from its resource-log line aoai:h1, which costs nothing)
 *   =HYPERLINK.. mini gpt-4o-mini  f4: input 10000 = 0.0015, output 2000 = 0.0012
 *   team-a gpt-4o estimated        f3: no breakdown, 400 tokens = 0.00175
 *   team-a gpt-4o reported         f1+f2 (f2 twice: once): input 800+3000 = 0.002+0.0075,
 *                                  cached 200 = 0.00025, output 500+1000 = 0.005+0.01
 * fabrikam-aoai (no resource logs)
 *   team-b gpt-4o estimated        f6: damaged breakdown, whole 0.00125 (500 tokens)
 *   team-b gpt-4o reported         f5: input 1000 = 0.0025; 0.001 the breakdown left out
 *   team-c audio reported          f7: 1000 in of which 400 audio: input 600 = 0.0015,
 *                                  audio_input 400 = 0.016 (40 per 1M), output 200 = 0.002
 *   team-c image reported          f11: image_output 0.01, but no image counts: tokens unknown
 *   f8 unpriced, f10 the day before: no row
 * total 0.06345
 * </pre>
 */
class FocusExportTest {
  static final LocalDate DAY = LocalDate.of(2025, 6, 10);
  private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
  private static final String PLAIN_DECIMAL = "-?\\d+(\\.\\d+)?";

  static CostReport report() throws Exception {
    return CostReports.build(
        new JsonLinesSource(List.of(path())),
        ReportPeriod.daily(DAY),
        Budgets.none(),
        Fixtures.CLOCK);
  }

  private static Path path() throws URISyntaxException {
    return Path.of(
        FocusExportTest.class.getResource("/reports/focus/requests-focus.jsonl").toURI());
  }

  private static BigDecimal sum(List<Map<FocusColumn, String>> rows, FocusColumn c) {
    return rows.stream()
        .map(r -> new BigDecimal(r.get(c)))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void theHeaderHasEveryMandatoryColumnInTheSpecsOrderThenTheCustomOnes() {
    Map<String, FocusFile.SpecColumn> spec = FocusFile.spec();
    List<String> header = FocusColumn.ids();
    List<String> focus = header.stream().filter(c -> !c.startsWith("x_")).toList();
    assertThat(spec.keySet()).containsAll(focus);
    assertThat(focus)
        .containsAll(
            spec.values().stream()
                .filter(FocusFile.SpecColumn::mandatory)
                .map(FocusFile.SpecColumn::id)
                .toList());
    List<String> specOrder = new ArrayList<>(spec.keySet());
    specOrder.retainAll(focus);
    assertThat(focus).containsExactlyElementsOf(specOrder);
    // custom columns after every FOCUS one, x_-prefixed
    int firstCustom = header.indexOf(X_APIM_SUBSCRIPTION_ID.id());
    assertThat(header.subList(0, firstCustom)).noneMatch(c -> c.startsWith("x_"));
    assertThat(header.subList(firstCustom, header.size())).allMatch(c -> c.startsWith("x_"));
    assertThat(header)
        .contains(
            "x_ApimSubscriptionId",
            "x_ApimProductId",
            "x_UsageSource",
            "x_PriceRef",
            "x_Deployment");
  }

  @Test
  void everyValueHasTheSpecsTypeFormatNullabilityAndAllowedValues() throws Exception {
    CostReport r = withPtu(report(), ptuCharges());
    List<Map<FocusColumn, String>> rows = FocusFile.rows(FocusExport.render(r));
    assertThat(rows).hasSize(17);
    Map<String, FocusFile.SpecColumn> spec = FocusFile.spec();
    for (Map<FocusColumn, String> row : rows) {
      for (FocusColumn c : FocusColumn.values()) {
        FocusFile.SpecColumn s = spec.get(c.id());
        String v = row.get(c);
        if (s == null) {
          continue;
        }
        String where = c.id() + " in " + row;
        if (!s.allowsNulls()) {
          assertThat(v).as(where).isNotEmpty();
        }
        if (v.isEmpty()) {
          continue;
        }
        switch (s.dataType()) {
          case "Date/Time" -> assertThat(v).as(where).matches(DATE_TIME);
          case "Decimal" -> assertThat(v).as(where).matches(PLAIN_DECIMAL);
          default -> assertThat(v).as(where).isEqualTo(v.strip());
        }
        if (!s.allowedValues().isEmpty()) {
          assertThat(s.allowedValues()).as(where).contains(v);
        }
        if (s.valueFormat().equals("Currency Format")) {
          assertThat(v).as(where).matches("[A-Z]{3}");
        }
      }
      // ChargeCategory Usage, not a correction: what FOCUS requires on such rows
      assertThat(row.get(CHARGE_CATEGORY)).isEqualTo("Usage");
      for (FocusColumn c :
          List.of(
              CONSUMED_QUANTITY,
              CONSUMED_UNIT,
              PRICING_QUANTITY,
              PRICING_UNIT,
              LIST_UNIT_PRICE,
              SKU_PRICE_ID)) {
        assertThat(row.get(c)).as(c.id() + " of a usage row " + row).isNotEmpty();
      }
      assertThat(row.get(CHARGE_CLASS)).isEmpty();
      BigDecimal q = new BigDecimal(row.get(PRICING_QUANTITY));
      assertThat(new BigDecimal(row.get(LIST_UNIT_PRICE)).multiply(q))
          .as("ListCost = ListUnitPrice x PricingQuantity in " + row)
          .isEqualByComparingTo(row.get(LIST_COST));
      assertThat(new BigDecimal(row.get(CONTRACTED_UNIT_PRICE)).multiply(q))
          .isEqualByComparingTo(row.get(CONTRACTED_COST));
    }
  }

  @Test
  void periodsAreUtcDaysAndMonthsWithExclusiveEnds() throws Exception {
    for (Map<FocusColumn, String> row :
        FocusFile.rows(FocusExport.render(withPtu(report(), ptuCharges())))) {
      Instant start = Instant.parse(row.get(CHARGE_PERIOD_START));
      Instant end = Instant.parse(row.get(CHARGE_PERIOD_END));
      assertThat(start).isEqualTo(Instant.parse("2025-06-10T00:00:00Z"));
      // exclusive: the next day's midnight, never 23:59:59
      assertThat(end).isEqualTo(Instant.parse("2025-06-11T00:00:00Z"));
      assertThat(row.get(BILLING_PERIOD_START)).isEqualTo("2025-06-01T00:00:00Z");
      assertThat(row.get(BILLING_PERIOD_END)).isEqualTo("2025-07-01T00:00:00Z");
      assertThat(OffsetDateTime.parse(row.get(CHARGE_PERIOD_END)).getOffset().getTotalSeconds())
          .isZero();
    }
  }

  @Test
  void billedCostSumsToTheReportsTotalExactly() throws Exception {
    CostReport r = report();
    List<Map<FocusColumn, String>> rows = FocusFile.rows(FocusExport.render(r));
    assertThat(r.costUsd()).isEqualByComparingTo("0.06345");
    assertThat(sum(rows, BILLED_COST)).isEqualTo(r.costUsd());
    for (FocusColumn c : List.of(EFFECTIVE_COST, LIST_COST, CONTRACTED_COST)) {
      assertThat(sum(rows, c)).isEqualTo(r.costUsd());
    }
    // older files: no breakdown at all, still the same total
    CostReport small = Fixtures.report(ReportPeriod.daily(DAY), Budgets.none());
    List<Map<FocusColumn, String>> old = FocusFile.rows(FocusExport.render(small));
    assertThat(sum(old, BILLED_COST))
        .isEqualByComparingTo(small.costUsd())
        .isEqualByComparingTo("0.0271");
    assertThat(old)
        .allSatisfy(
            row -> assertThat(row.get(CHARGE_DESCRIPTION)).isEqualTo("usage (no breakdown)"));
    // and with PTU rows: the charges of the period once each
    CostReport ptu = withPtu(r, ptuCharges());
    List<Map<FocusColumn, String>> all = FocusFile.rows(FocusExport.render(ptu));
    BigDecimal ptuInPeriod = new BigDecimal("103.5616");
    assertThat(sum(all, BILLED_COST)).isEqualByComparingTo(r.costUsd().add(ptuInPeriod));
  }

  @Test
  void oneRowPerDayTeamDeploymentModelAndCharge() throws Exception {
    List<Map<FocusColumn, String>> rows = FocusFile.rows(FocusExport.render(report()));
    String g4 = "gpt-4o/global@2024-11-20";
    assertThat(rows)
        .extracting(
            r -> r.get(X_APIM_SUBSCRIPTION_ID),
            r -> r.get(X_DEPLOYMENT),
            r -> r.get(X_USAGE_SOURCE),
            r -> r.get(X_CHARGE),
            r -> r.get(BILLED_COST),
            r -> r.get(CONSUMED_QUANTITY),
            r -> r.get(CONSUMED_UNIT),
            r -> r.get(PRICING_QUANTITY),
            r -> r.get(PRICING_UNIT),
            r -> r.get(LIST_UNIT_PRICE))
        .containsExactly(
            tuple(
                "'=HYPERLINK(\"http://x\",\"a,b\")",
                "mini",
                "reported",
                "input",
                "0.0015",
                "10000",
                "Tokens",
                "0.01",
                "1000000 Tokens",
                "0.15"),
            tuple(
                "'=HYPERLINK(\"http://x\",\"a,b\")",
                "mini",
                "reported",
                "output",
                "0.0012",
                "2000",
                "Tokens",
                "0.002",
                "1000000 Tokens",
                "0.6"),
            tuple(
                "team-a",
                "gpt-4o",
                "estimated",
                "usage",
                "0.00175",
                "400",
                "Tokens",
                "1",
                "Units",
                "0.00175"),
            tuple(
                "team-a",
                "gpt-4o",
                "reported",
                "input",
                "0.0095",
                "3800",
                "Tokens",
                "0.0038",
                "1000000 Tokens",
                "2.5"),
            tuple(
                "team-a",
                "gpt-4o",
                "reported",
                "cached_input",
                "0.00025",
                "200",
                "Tokens",
                "0.0002",
                "1000000 Tokens",
                "1.25"),
            tuple(
                "team-a",
                "gpt-4o",
                "reported",
                "output",
                "0.015",
                "1500",
                "Tokens",
                "0.0015",
                "1000000 Tokens",
                "10"),
            tuple(
                "team-b",
                "gpt-4o",
                "estimated",
                "usage",
                "0.00125",
                "500",
                "Tokens",
                "1",
                "Units",
                "0.00125"),
            tuple(
                "team-b",
                "gpt-4o",
                "reported",
                "input",
                "0.0025",
                "1000",
                "Tokens",
                "0.001",
                "1000000 Tokens",
                "2.5"),
            tuple(
                "team-b",
                "gpt-4o",
                "reported",
                "usage",
                "0.001",
                "0",
                "Tokens",
                "1",
                "Units",
                "0.001"),
            tuple(
                "team-c",
                "audio",
                "reported",
                "input",
                "0.0015",
                "600",
                "Tokens",
                "0.0006",
                "1000000 Tokens",
                "2.5"),
            tuple(
                "team-c",
                "audio",
                "reported",
                "output",
                "0.002",
                "200",
                "Tokens",
                "0.0002",
                "1000000 Tokens",
                "10"),
            tuple(
                "team-c",
                "audio",
                "reported",
                "audio_input",
                "0.016",
                "400",
                "Tokens",
                "0.0004",
                "1000000 Tokens",
                "40"),
            tuple(
                "team-c",
                "image",
                "reported",
                "image_output",
                "0.01",
                "1",
                "Requests",
                "1",
                "Units",
                "0.01"));
    Map<FocusColumn, String> first = rows.get(3);
    assertThat(first.get(CHARGE_DESCRIPTION)).isEqualTo("gpt-4o-2024-11-20 input tokens");
    assertThat(first.get(SKU_METER)).isEqualTo("Input Tokens");
    assertThat(first.get(SKU_ID)).isEqualTo("gpt-4o/global");
    assertThat(first.get(SKU_PRICE_ID)).isEqualTo(g4 + "/input");
    assertThat(first.get(X_PRICE_REF)).isEqualTo(g4 + " (Azure OpenAI list price)");
    assertThat(first.get(X_REQUESTS)).isEqualTo("2");
    assertThat(first.get(X_MODEL)).isEqualTo("gpt-4o-2024-11-20");
    assertThat(first.get(X_APIM_PRODUCT_ID)).isEqualTo("gold");
    // the account's ARM id and region come from its own resource log, never APIM's location
    assertThat(first.get(RESOURCE_NAME)).isEqualTo("contoso-aoai");
    assertThat(first.get(RESOURCE_ID))
        .isEqualTo(
            "/subscriptions/8f2c1a4e-0b7d-4c61-9e35-2a6b9c0d1e2f/resourcegroups/rg-ai/providers/microsoft.cognitiveservices/accounts/contoso-aoai");
    assertThat(first.get(SUB_ACCOUNT_ID))
        .isEqualTo("/subscriptions/8f2c1a4e-0b7d-4c61-9e35-2a6b9c0d1e2f");
    assertThat(first.get(REGION_ID)).isEqualTo("swedencentral");
    Map<FocusColumn, String> other = rows.get(7);
    assertThat(other.get(RESOURCE_NAME)).isEqualTo("fabrikam-aoai");
    assertThat(other.get(RESOURCE_ID)).isEmpty();
    assertThat(other.get(REGION_ID)).isEmpty();
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.get(SERVICE_NAME)).isEqualTo("Azure AI Services");
              assertThat(r.get(SERVICE_CATEGORY)).isEqualTo("AI and Machine Learning");
              assertThat(r.get(PROVIDER_NAME)).isEqualTo("Microsoft");
              assertThat(r.get(PUBLISHER_NAME)).isEqualTo("Microsoft");
              assertThat(r.get(INVOICE_ISSUER_NAME)).isEqualTo("Microsoft");
              assertThat(r.get(BILLING_CURRENCY)).isEqualTo("USD");
              assertThat(r.get(CHARGE_FREQUENCY)).isEqualTo("Usage-Based");
              assertThat(r.get(PRICING_CATEGORY)).isEqualTo("Standard");
              assertThat(r.get(X_COST_SOURCE)).isEqualTo("computed");
            });
  }

  @Test
  void ptuAllocationIsOneRowPerDayTeamAndDeploymentWithTheIdlePartApart() throws Exception {
    List<Map<FocusColumn, String>> rows =
        FocusFile.rows(FocusExport.render(withPtu(report(), ptuCharges())));
    List<Map<FocusColumn, String>> ptu =
        rows.stream().filter(r -> r.get(X_CHARGE).equals("ptu_allocation")).toList();
    assertThat(ptu)
        .extracting(
            r -> r.get(X_APIM_SUBSCRIPTION_ID),
            r -> r.get(X_DEPLOYMENT),
            r -> r.get(CHARGE_DESCRIPTION),
            r -> r.get(BILLED_COST),
            r -> r.get(PRICING_QUANTITY),
            r -> r.get(PRICING_UNIT),
            r -> r.get(LIST_UNIT_PRICE),
            r -> r.get(PRICING_CATEGORY))
        .containsExactly(
            tuple(
                "(unallocated)",
                "gpt-4o-ptu",
                "PTU allocation (idle capacity)",
                "45",
                "45",
                "PTU-Hours",
                "1",
                "Standard"),
            tuple(
                "team-a", "gpt-4o-ptu", "PTU allocation", "45", "45", "PTU-Hours", "1", "Standard"),
            tuple(
                "team-b", "gpt-4o-ptu", "PTU allocation", "10", "10", "PTU-Hours", "1", "Standard"),
            tuple(
                "team-a",
                "gpt-4o-ptu-r",
                "PTU allocation",
                "3.5616",
                "10",
                "PTU-Hours",
                "0.35616",
                "Committed"));
    assertThat(ptu.get(0).get(RESOURCE_ID)).endsWith("/accounts/contoso-aoai");
    assertThat(ptu.get(0).get(CONSUMED_UNIT)).isEqualTo("PTU-Hours");
    assertThat(ptu.get(0).get(SKU_PRICE_ID)).isEqualTo("global_provisioned@2024-11-01");
    assertThat(ptu.get(0).get(X_USAGE_SOURCE)).isEmpty();
  }

  @Test
  void textIsRfc4180AndGuardedAgainstFormulas() throws Exception {
    String csv = FocusExport.render(report());
    assertThat(csv).contains("\r\n").doesNotContain(",=HYPERLINK");
    assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\",");
    // a strict RFC 4180 read gives every row the header's width, the comma kept inside its field
    assertThat(FocusFile.rows(csv))
        .extracting(r -> r.get(X_APIM_SUBSCRIPTION_ID))
        .contains("'=HYPERLINK(\"http://x\",\"a,b\")");
  }

  /** Hand-built PTU charges: 50 PTU at 1.00/hour on 06-10 08:00 and 09:00, a reserved hour. */
  static List<ProvisionedCharge> ptuCharges() {
    List<ProvisionedCharge> c = new ArrayList<>();
    String hourly = "global_provisioned@2024-11-01 (list price, 1.00 per PTU-hour)";
    c.add(ptu("2025-06-10T08:00:00Z", "gpt-4o-ptu", "team-a", "20", "20", hourly));
    c.add(ptu("2025-06-10T08:00:00Z", "gpt-4o-ptu", "team-b", "10", "10", hourly));
    c.add(
        ptu(
            "2025-06-10T08:00:00Z",
            "gpt-4o-ptu",
            ProvisionedCharge.UNALLOCATED,
            "20",
            "20",
            hourly));
    c.add(ptu("2025-06-10T09:00:00Z", "gpt-4o-ptu", "team-a", "25", "25", hourly));
    c.add(
        ptu(
            "2025-06-10T09:00:00Z",
            "gpt-4o-ptu",
            ProvisionedCharge.UNALLOCATED,
            "25",
            "25",
            hourly));
    c.add(ptu("2025-06-11T00:00:00Z", "gpt-4o-ptu", "team-a", "50", "50", hourly));
    c.add(
        ptu(
            "2025-06-10T10:00:00Z",
            "gpt-4o-ptu-r",
            "team-a",
            "10",
            "3.5616",
            "reservation 2025-06 monthly"));
    return c;
  }

  private static ProvisionedCharge ptu(
      String hour, String deployment, String team, String ptuHours, String usd, String ref) {
    return ProvisionedCharge.builder()
        .hour(Instant.parse(hour))
        .account("contoso-aoai")
        .deployment(deployment)
        .model("gpt-4o")
        .team(team)
        .product("gold")
        .ptuHours(new BigDecimal(ptuHours))
        .costUsd(new BigDecimal(usd))
        .priceRef(ref)
        .build();
  }

  static CostReport withPtu(CostReport r, List<ProvisionedCharge> charges) {
    return new CostReport(
        r.period(),
        r.previous(),
        r.generatedAt(),
        r.source(),
        r.totals(),
        r.previousTotals(),
        r.breakdowns(),
        r.days(),
        r.budgets(),
        r.movers(),
        r.unpriced(),
        r.gatewayBypass(),
        r.input(),
        charges,
        r.usageCharges());
  }
}
