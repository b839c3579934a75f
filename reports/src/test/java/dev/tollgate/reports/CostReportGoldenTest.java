package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Totals of the hand-written requests.jsonl against hand-computed figures (see {@link Fixtures}).
 */
class CostReportGoldenTest {
  static final LocalDate DAY = LocalDate.of(2025, 6, 10);

  static Budgets budgets() {
    return Budgets.parse(
        """
        # team = USD per month
        team-a = 1
        team-b = 0.06
        team-c = 0.002
        team-d = 10
        """);
  }

  private static Breakdown.Row row(CostReport r, String breakdown, String... key) {
    return r.breakdown(breakdown).orElseThrow().rows().stream()
        .filter(x -> x.key().equals(List.of(key)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + List.of(key) + " in " + breakdown));
  }

  @Test
  void dailyTotalsEqualTheHandComputedSums() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());
    Totals t = r.totals();

    assertThat(t.costUsd()).isEqualByComparingTo("0.0271");
    assertThat(t.costUsd().toPlainString()).isEqualTo("0.0271");
    assertThat(t.requests()).isEqualTo(7);
    assertThat(t.priced()).isEqualTo(4);
    assertThat(t.errors()).isEqualTo(2);
    assertThat(t.rateLimited()).isEqualTo(1);
    assertThat(t.errorRate()).isEqualByComparingTo("0.2857"); // 2/7
    assertThat(t.throttleRate()).isEqualByComparingTo("0.1429"); // 1/7
    assertThat(t.estimatedUsage()).isEqualTo(1);
    assertThat(t.estimatedShare()).isEqualByComparingTo("0.1429");
    assertThat(t.unpriced()).isEqualTo(1);
    // 1000 + 300 + 2000 + 9 + 10000; 500 + 100 + 3000 + 3 + 2000
    assertThat(t.inputTokens()).isEqualTo(13309);
    assertThat(t.outputTokens()).isEqualTo(5603);
    assertThat(t.cachedInputTokens()).isEqualTo(200);
    assertThat(t.reasoningTokens()).isEqualTo(2500);
  }

  @Test
  void breakdownsSplitTheTotalsAndSumBackToThem() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());

    assertThat(row(r, "by-team", "team-a").totals().costUsd()).isEqualByComparingTo("0.009");
    assertThat(row(r, "by-team", "team-a").totals().requests()).isEqualTo(3);
    assertThat(row(r, "by-team", "team-a").totals().throttleRate()).isEqualByComparingTo("0.3333");
    assertThat(row(r, "by-team", "team-b").totals().costUsd()).isEqualByComparingTo("0.0154");
    assertThat(row(r, "by-team", "team-b").totals().requests()).isEqualTo(2);
    assertThat(row(r, "by-team", "team-c").totals().costUsd()).isEqualByComparingTo("0.0027");
    assertThat(row(r, "by-team", "team-c").totals().errorRate()).isEqualByComparingTo("0.5");
    // Largest cost first.
    assertThat(r.breakdown("by-team").orElseThrow().rows())
        .extracting(Breakdown.Row::label)
        .containsExactly("team-b", "team-a", "team-c");

    assertThat(row(r, "by-product", "contoso, \"premium\"").totals().costUsd())
        .isEqualByComparingTo("0.0027");
    assertThat(row(r, "by-deployment", "gpt-4o").totals().requests()).isEqualTo(3);
    // The model is the response model, else the request model (the throttled call has none).
    assertThat(row(r, "by-model", "gpt-4o-2024-11-20").totals().requests()).isEqualTo(2);
    assertThat(row(r, "by-model", "gpt-4o").totals().errors()).isEqualTo(1);
    assertThat(
            row(
                    r,
                    "by-team-product-deployment-model",
                    "team-b",
                    "silver",
                    "o3-mini",
                    "o3-mini-2025-01-31")
                .totals()
                .reasoningTokens())
        .isEqualTo(2500);

    for (Breakdown b : r.breakdowns()) {
      BigDecimal sum =
          b.rows().stream().map(x -> x.totals().costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
      long requests = b.rows().stream().mapToLong(x -> x.totals().requests()).sum();
      assertThat(sum).as(b.name()).isEqualByComparingTo(r.totals().costUsd());
      assertThat(requests).as(b.name()).isEqualTo(r.totals().requests());
    }
    BigDecimal days =
        r.days().stream().map(DayTotal::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(days).isEqualByComparingTo("0.0271");
  }

  @Test
  void aRedeliveredRecordCountsOnceAndEverySkipIsAccountedFor() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());
    InputStats in = r.input();

    assertThat(in.duplicates()).isEqualTo(1); // req:b1 twice
    assertThat(row(r, "by-deployment", "o3-mini").totals().requests()).isEqualTo(1);
    assertThat(in.records()).isEqualTo(14);
    assertThat(in.malformed()).isEqualTo(1);
    assertThat(in.malformedSamples())
        .singleElement()
        .asString()
        .contains("requests-small.jsonl:11");
    assertThat(in.notLlm()).isEqualTo(1);
    assertThat(in.withoutTime()).isEqualTo(1);
    assertThat(in.outsidePeriod()).isEqualTo(1); // req:x1, 2025-05-31
    assertThat(in.withoutItemId()).isZero();
  }

  @Test
  void theSameFileReadTwiceGivesTheSameReport() throws Exception {
    JsonLinesSource twice = new JsonLinesSource(List.of(Fixtures.small(), Fixtures.small()));
    CostReport r = CostReports.build(twice, ReportPeriod.daily(DAY), budgets(), Fixtures.CLOCK);
    assertThat(r.totals().costUsd()).isEqualByComparingTo("0.0271");
    assertThat(r.totals().requests()).isEqualTo(7);
    // 1 within the file, and all 11 in-window LLM records of the second copy (b1 twice; x1 is
    // outside the windows, t1 has no time, h:0f3a is not an LLM call).
    assertThat(r.input().duplicates()).isEqualTo(1 + 11);
  }

  @Test
  void moversCompareWithThePreviousDay() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());
    assertThat(r.previous()).isEqualTo(ReportPeriod.range(DAY.minusDays(1), DAY.minusDays(1)));
    assertThat(r.previousTotals().costUsd()).isEqualByComparingTo("0.0233"); // 0.02 + 0.0033

    // team-b 0.0033 -> 0.0154 (+0.0121), team-a 0.02 -> 0.009 (-0.011), team-c new (+0.0027).
    assertThat(r.movers("team"))
        .extracting(Mover::name, Mover::changeUsd, Mover::changeShare)
        .containsExactly(
            tuple("team-b", new BigDecimal("0.0121"), new BigDecimal("3.6667")),
            tuple("team-a", new BigDecimal("-0.011"), new BigDecimal("-0.5500")),
            tuple("team-c", new BigDecimal("0.0027"), null));
    // phi-4 cost nothing on both days: not a mover.
    assertThat(r.movers("deployment"))
        .extracting(Mover::name)
        .containsExactly("o3-mini", "gpt-4o", "gpt-4o-mini");
  }

  @Test
  void budgetsUseTheMonthToDateAndAStraightLineForecast() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());
    BudgetSummary s = r.budgets();
    // Month to date through June 10: team-a 0.45 + 0.02 + 0.009 = 0.479; team-b 0.0033 + 0.0154 =
    // 0.0187; team-c 0.0027. June has 30 days, 10 elapsed: forecast = spent * 30 / 10.
    assertThat(s.daysElapsed()).isEqualTo(10);
    assertThat(s.daysInMonth()).isEqualTo(30);
    assertThat(s.spentUsd()).isEqualByComparingTo("0.5004");
    assertThat(s.forecastUsd()).isEqualByComparingTo("1.5012");
    assertThat(s.teams())
        .extracting(
            BudgetStatus::team,
            BudgetStatus::spentUsd,
            BudgetStatus::forecastUsd,
            b -> b.status().wireName())
        .containsExactly(
            tuple("team-c", new BigDecimal("0.0027"), new BigDecimal("0.0081"), "over"),
            tuple("team-a", new BigDecimal("0.479"), new BigDecimal("1.437"), "at_risk"),
            tuple("team-b", new BigDecimal("0.0187"), new BigDecimal("0.0561"), "ok"),
            tuple("team-d", BigDecimal.ZERO, BigDecimal.ZERO, "ok"));
    assertThat(s.teams().get(1).spentShare()).isEqualByComparingTo("0.479");
    assertThat(s.teams().get(1).forecastShare()).isEqualByComparingTo("1.437");
  }

  @Test
  void weeklyAndMonthToDateWindows() throws Exception {
    CostReport week = Fixtures.report(ReportPeriod.weekly(DAY), Budgets.none());
    assertThat(week.period().from()).isEqualTo(LocalDate.of(2025, 6, 4));
    assertThat(week.totals().costUsd()).isEqualByComparingTo("0.0504"); // 0.0271 + 0.0233
    assertThat(week.days()).hasSize(7);
    // Previous week 2025-05-28..06-03 holds req:m1 and req:x1.
    assertThat(week.previousTotals().costUsd()).isEqualByComparingTo("1.45");

    CostReport mtd = Fixtures.report(ReportPeriod.monthToDate(DAY), Budgets.none());
    assertThat(mtd.totals().costUsd()).isEqualByComparingTo("0.5004");
    assertThat(mtd.totals().requests()).isEqualTo(10);
    assertThat(mtd.previous().from()).isEqualTo(LocalDate.of(2025, 5, 22));
    assertThat(mtd.previousTotals().costUsd()).isEqualByComparingTo("1.00");
    // Teams that spent without a budget are listed as such.
    assertThat(mtd.budgets().teams())
        .allSatisfy(b -> assertThat(b.status()).isEqualTo(BudgetStatus.Status.NO_BUDGET))
        .extracting(BudgetStatus::team)
        .containsExactly("team-a", "team-b", "team-c");
  }

  @Test
  void theEventCarriesTotalsInAStableOrder() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());
    Map<String, String> p = r.eventProperties();
    assertThat(p.keySet())
        .containsExactly(
            "tollgate.item_id",
            "tollgate.report.period",
            "tollgate.report.from",
            "tollgate.report.to",
            "tollgate.cost.usd",
            "tollgate.requests",
            "tollgate.requests.unpriced",
            "tollgate.requests.implausible_usage",
            "tollgate.budget.month",
            "tollgate.cost.mtd_usd",
            "tollgate.cost.forecast_usd",
            "tollgate.budget.teams",
            "tollgate.budget.teams_over",
            "tollgate.budget.teams_at_risk");
    assertThat(p)
        .containsEntry("tollgate.item_id", "report:daily:2025-06-10:2025-06-10")
        .containsEntry("tollgate.report.period", "daily")
        .containsEntry("tollgate.cost.usd", "0.0271")
        .containsEntry("tollgate.requests", "7")
        .containsEntry("tollgate.budget.month", "2025-06")
        .containsEntry("tollgate.cost.forecast_usd", "1.5012")
        .containsEntry("tollgate.budget.teams", "4")
        .containsEntry("tollgate.budget.teams_over", "1")
        .containsEntry("tollgate.budget.teams_at_risk", "1");
    CostReportEvent e = r.event();
    assertThat(e.name()).isEqualTo("TollgateCostReport");
    assertThat(e.time()).isEqualTo(Fixtures.CLOCK.instant());
    assertThat(e.properties()).isEqualTo(p);
  }

  @Test
  void unpricedModelsAreListedWithTheirCounts() throws Exception {
    CostReport r = Fixtures.report(ReportPeriod.daily(DAY), budgets());
    assertThat(r.unpriced()).containsExactly(new UnpricedModel("phi-4", 1, 9, 0, 3));
  }
}
