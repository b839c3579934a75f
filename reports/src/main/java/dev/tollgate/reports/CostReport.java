package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A computed cost report: what the HTML, CSV and JSON outputs ({@link ReportFiles}) and the {@code
 * TollgateCostReport} event ({@link #event()}) are made of. Build one with {@link CostReports}.
 *
 * @param period the days reported
 * @param previous the previous period of the same length (for the movers)
 * @param generatedAt when the report was made
 * @param source where the records came from
 * @param totals everything in the period
 * @param previousTotals everything in the previous period
 * @param breakdowns by team, product, deployment, model, and all four together
 * @param days one per day of the period
 * @param budgets the month to date of the period's last day, per team
 * @param movers biggest absolute cost changes per team, then per deployment
 * @param unpriced models the catalog could not price, most requests first
 * @param gatewayBypass per account and deployment, calls the account logged beyond those APIM
 *     passed to it, most first; empty without resource logs
 * @param input what was read and left out
 * @param provisionedCharges every PTU deployment's cost per hour and team, idle part included
 *     (empty without provisioned deployments)
 * @param usageCharges the period's cost per day, team, deployment, model and token class: the FOCUS
 *     export's usage rows
 */
public record CostReport(
    ReportPeriod period,
    ReportPeriod previous,
    Instant generatedAt,
    String source,
    Totals totals,
    Totals previousTotals,
    List<Breakdown> breakdowns,
    List<DayTotal> days,
    BudgetSummary budgets,
    List<Mover> movers,
    List<UnpricedModel> unpriced,
    List<BypassedDeployment> gatewayBypass,
    InputStats input,
    List<ProvisionedCharge> provisionedCharges,
    List<UsageCharge> usageCharges) {

  /** Name of the Application Insights custom event that carries {@link #eventProperties()}. */
  public static final String EVENT_NAME = "TollgateCostReport";

  public CostReport {
    breakdowns = List.copyOf(breakdowns);
    days = List.copyOf(days);
    movers = List.copyOf(movers);
    unpriced = List.copyOf(unpriced);
    gatewayBypass = List.copyOf(gatewayBypass);
    provisionedCharges = List.copyOf(provisionedCharges);
    usageCharges = List.copyOf(usageCharges);
  }

  /** A report without usage charges (the components before them). */
  public CostReport(
      ReportPeriod period,
      ReportPeriod previous,
      Instant generatedAt,
      String source,
      Totals totals,
      Totals previousTotals,
      List<Breakdown> breakdowns,
      List<DayTotal> days,
      BudgetSummary budgets,
      List<Mover> movers,
      List<UnpricedModel> unpriced,
      List<BypassedDeployment> gatewayBypass,
      InputStats input,
      List<ProvisionedCharge> provisionedCharges) {
    this(
        period,
        previous,
        generatedAt,
        source,
        totals,
        previousTotals,
        breakdowns,
        days,
        budgets,
        movers,
        unpriced,
        gatewayBypass,
        input,
        provisionedCharges,
        List.of());
  }

  /** This report with its usage charges. */
  public CostReport withUsageCharges(List<UsageCharge> charges) {
    return new CostReport(
        period,
        previous,
        generatedAt,
        source,
        totals,
        previousTotals,
        breakdowns,
        days,
        budgets,
        movers,
        unpriced,
        gatewayBypass,
        input,
        provisionedCharges,
        charges);
  }

  /** The breakdown with this name ({@code by-team}, ...). */
  public Optional<Breakdown> breakdown(String name) {
    return breakdowns.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  public List<Mover> movers(String kind) {
    return movers.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  /**
   * The dimensions of the {@code TollgateCostReport} custom event, in this order (all strings,
   * numbers as plain decimals, so an alert rule can {@code todouble()} them):
   *
   * <ul>
   *   <li>{@code tollgate.item_id}: {@code report:<period>:<from>:<to>}, the same for a re-run of
   *       the same report, so queries keep one event per report;
   *   <li>{@code tollgate.report.period}: daily, weekly, mtd or range; {@code
   *       tollgate.report.from}, {@code tollgate.report.to}: ISO dates, both included;
   *   <li>{@code tollgate.cost.usd}: the period's exact cost; {@code tollgate.requests}; {@code
   *       tollgate.requests.unpriced}; {@code tollgate.requests.implausible_usage};
   *   <li>{@code tollgate.budget.month}: {@code yyyy-MM}; {@code tollgate.cost.mtd_usd}: every
   *       team's month to date; {@code tollgate.cost.forecast_usd}: its month-end forecast ({@link
   *       BudgetStatus#forecast});
   *   <li>{@code tollgate.budget.teams}: teams with a budget; {@code tollgate.budget.teams_over},
   *       {@code tollgate.budget.teams_at_risk}: how many of them are over or at risk.
   * </ul>
   */
  public Map<String, String> eventProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tollgate.item_id", "report:" + period.name() + ":" + period.from() + ":" + period.to());
    p.put("tollgate.report.period", period.kind().wireName());
    p.put("tollgate.report.from", period.from().toString());
    p.put("tollgate.report.to", period.to().toString());
    p.put("tollgate.cost.usd", totals.costUsd().toPlainString());
    p.put("tollgate.requests", Long.toString(totals.requests()));
    p.put("tollgate.requests.unpriced", Long.toString(totals.unpriced()));
    p.put("tollgate.requests.implausible_usage", Long.toString(totals.implausibleUsage()));
    p.put("tollgate.budget.month", budgets.month().toString());
    p.put("tollgate.cost.mtd_usd", budgets.spentUsd().toPlainString());
    p.put("tollgate.cost.forecast_usd", budgets.forecastUsd().toPlainString());
    long budgeted =
        budgets.teams().stream().filter(t -> t.status() != BudgetStatus.Status.NO_BUDGET).count();
    p.put("tollgate.budget.teams", Long.toString(budgeted));
    p.put("tollgate.budget.teams_over", Long.toString(budgets.count(BudgetStatus.Status.OVER)));
    p.put(
        "tollgate.budget.teams_at_risk", Long.toString(budgets.count(BudgetStatus.Status.AT_RISK)));
    return p;
  }

  /** The {@code TollgateCostReport} event, stamped with the report's time of making. */
  public CostReportEvent event() {
    return new CostReportEvent(EVENT_NAME, generatedAt, eventProperties());
  }

  /** Exact total cost of the period. */
  public BigDecimal costUsd() {
    return totals.costUsd();
  }
}
