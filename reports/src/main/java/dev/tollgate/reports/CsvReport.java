package dev.tollgate.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV files for finance, one per breakdown. Every file starts with {@code from,to} (the
 * report's days), so files of several reports can be appended to each other.
 */
public final class CsvReport {
  /** Columns after the key of every breakdown file. */
  public static final List<String> TOTALS_COLUMNS =
      List.of(
          "requests",
          "errors",
          "error_rate",
          "rate_limited",
          "throttle_rate",
          "estimated_usage_requests",
          "estimated_usage_share",
          "unpriced_requests",
          "provisioned_requests",
          "implausible_usage_requests",
          "input_tokens",
          "cached_input_tokens",
          "output_tokens",
          "reasoning_tokens",
          "cost_usd");

  private CsvReport() {}

  /** File-name suffix (e.g. {@code by-team}) to CSV text, in a stable order. */
  public static Map<String, String> render(CostReport r) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Breakdown b : r.breakdowns()) {
      files.put(b.name(), breakdown(r, b));
    }
    files.put("by-day", byDay(r));
    files.put("budgets", budgets(r));
    files.put("movers", movers(r));
    files.put("unpriced-models", unpriced(r));
    files.put("gateway-bypass", bypass(r));
    return files;
  }

  static String breakdown(CostReport r, Breakdown b) {
    List<String> header = new ArrayList<>(List.of("from", "to"));
    header.addAll(b.dimensions());
    header.addAll(TOTALS_COLUMNS);
    Csv csv = new Csv(header);
    for (Breakdown.Row row : b.rows()) {
      Csv.Row c = period(csv.row(), r);
      row.key().forEach(c::text);
      totals(c, row.totals()).end();
    }
    return csv.toString();
  }

  private static Csv.Row totals(Csv.Row c, Totals t) {
    return c.number(t.requests())
        .number(t.errors())
        .number(t.errorRate())
        .number(t.rateLimited())
        .number(t.throttleRate())
        .number(t.estimatedUsage())
        .number(t.estimatedShare())
        .number(t.unpriced())
        .number(t.provisioned())
        .number(t.implausibleUsage())
        .number(t.inputTokens())
        .number(t.cachedInputTokens())
        .number(t.outputTokens())
        .number(t.reasoningTokens())
        .number(t.costUsd());
  }

  private static Csv.Row period(Csv.Row c, CostReport r) {
    return c.text(r.period().from().toString()).text(r.period().to().toString());
  }

  static String byDay(CostReport r) {
    Csv csv = new Csv(List.of("day", "requests", "cost_usd"));
    for (DayTotal d : r.days()) {
      csv.row().text(d.day().toString()).number(d.requests()).number(d.costUsd()).end();
    }
    return csv.toString();
  }

  static String budgets(CostReport r) {
    BudgetSummary s = r.budgets();
    Csv csv =
        new Csv(
            List.of(
                "month",
                "as_of",
                "days_elapsed",
                "days_in_month",
                "team",
                "budget_usd",
                "spent_usd",
                "forecast_usd",
                "spent_share",
                "forecast_share",
                "status"));
    for (BudgetStatus b : s.teams()) {
      csv.row()
          .text(s.month().toString())
          .text(s.asOf().toString())
          .number(s.daysElapsed())
          .number(s.daysInMonth())
          .text(b.team())
          .number(b.budgetUsd())
          .number(b.spentUsd())
          .number(b.forecastUsd())
          .number(b.spentShare())
          .number(b.forecastShare())
          .text(b.status().wireName())
          .end();
    }
    return csv.toString();
  }

  static String movers(CostReport r) {
    Csv csv =
        new Csv(
            List.of(
                "from",
                "to",
                "previous_from",
                "previous_to",
                "kind",
                "name",
                "previous_cost_usd",
                "cost_usd",
                "change_usd",
                "change_share"));
    for (Mover m : r.movers()) {
      period(csv.row(), r)
          .text(r.previous().from().toString())
          .text(r.previous().to().toString())
          .text(m.kind())
          .text(m.name())
          .number(m.previousUsd())
          .number(m.currentUsd())
          .number(m.changeUsd())
          .number(m.changeShare())
          .end();
    }
    return csv.toString();
  }

  /** Header only when no account sends resource logs. */
  static String bypass(CostReport r) {
    Csv csv =
        new Csv(
            List.of(
                "from",
                "to",
                "account",
                "deployment",
                "account_requests",
                "gateway_requests",
                "bypass_requests",
                "bypass_share"));
    for (BypassedDeployment b : r.gatewayBypass()) {
      period(csv.row(), r)
          .text(b.account())
          .text(b.deployment())
          .number(b.accountRequests())
          .number(b.gatewayRequests())
          .number(b.bypassRequests())
          .number(b.bypassShare())
          .end();
    }
    return csv.toString();
  }

  static String unpriced(CostReport r) {
    Csv csv =
        new Csv(
            List.of(
                "from",
                "to",
                "model",
                "requests",
                "input_tokens",
                "cached_input_tokens",
                "output_tokens"));
    for (UnpricedModel u : r.unpriced()) {
      period(csv.row(), r)
          .text(u.model())
          .number(u.requests())
          .number(u.inputTokens())
          .number(u.cachedInputTokens())
          .number(u.outputTokens())
          .end();
    }
    return csv.toString();
  }
}
