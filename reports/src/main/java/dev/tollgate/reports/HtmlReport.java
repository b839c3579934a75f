package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The self-contained HTML report: inline CSS, inline SVG charts, no script, no external font, image
 * or style sheet, so it renders offline and from a mail attachment. Every value is HTML-escaped.
 * The markup is also well-formed XML (every element closed, no named entities), so tools can parse
 * it.
 */
public final class HtmlReport {
  /** Rows per table on the page; the CSV files have them all. */
  static final int MAX_ROWS = 50;

  private static final String CSS =
      String.join(
          "\n",
          "*{box-sizing:border-box}",
          "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
              + "color:#24292f;background:#f6f8fa;margin:0;padding:24px;line-height:1.4}",
          "main{max-width:1120px;margin:0 auto}",
          "h1{font-size:24px;margin:0 0 4px}",
          "h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}",
          "h3{font-size:15px;margin:16px 0 6px}",
          ".sub,.note{color:#57606a;font-size:13px}",
          ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}",
          ".card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;"
              + "min-width:150px}",
          ".card .k{color:#57606a;font-size:12px;text-transform:uppercase;letter-spacing:.04em}",
          ".card .v{font-size:20px;font-weight:600}",
          "figure{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:12px 0;"
              + "padding:12px}",
          "figcaption{font-weight:600;margin-bottom:6px}",
          "svg.chart{width:100%;max-width:960px;height:auto;font-family:inherit}",
          ".scroll{overflow-x:auto}",
          "table{border-collapse:collapse;background:#fff;width:100%;font-size:13px;margin:6px 0}",
          "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}",
          "th{background:#eaeef2}",
          "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
          ".badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;"
              + "font-weight:600;color:#fff}",
          ".over{background:#cf222e}",
          ".at_risk{background:#bf8700}",
          ".ok{background:#1a7f37}",
          ".no_budget{background:#6e7781}",
          ".up{color:#cf222e}",
          ".down{color:#1a7f37}",
          "@media print{body{background:#fff;padding:0}figure,table{break-inside:avoid}}");

  private HtmlReport() {}

  public static String render(CostReport r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    ReportPeriod p = r.period();
    String title = "Azure OpenAI cost report: " + describe(p);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>")
        .append(Html.esc(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("\n</style>\n</head>\n<body>\n<main>\n");
    h.append("<h1>").append(Html.esc(title)).append("</h1>\n");
    h.append("<p class=\"sub\">")
        .append(
            Html.esc(
                p.from()
                    + " to "
                    + p.to()
                    + " (UTC, "
                    + p.days()
                    + (p.days() == 1 ? " day)" : " days)")))
        .append(" &#183; generated ")
        .append(Html.esc(r.generatedAt().toString()))
        .append(" &#183; source ")
        .append(Html.esc(r.source()))
        .append("</p>\n");
    cards(h, r);
    budgets(h, r.budgets());
    h.append("<h2>Charts</h2>\n");
    figure(h, "Cost per day", SvgCharts.costPerDay(r.days()));
    r.breakdown("by-team")
        .ifPresent(b -> figure(h, "Cost by team (APIM subscription)", SvgCharts.costByTeam(b)));
    figure(h, "Tokens by kind", SvgCharts.tokensByKind(r.totals()));
    movers(h, r);
    unpriced(h, r);
    bypass(h, r);
    breakdowns(h, r);
    notes(h, r);
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  static String describe(ReportPeriod p) {
    return switch (p.kind()) {
      case DAILY -> "daily, " + p.to();
      case WEEKLY -> "weekly, " + p.from() + " to " + p.to();
      case MTD ->
          "month to date, "
              + p.to().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
              + " "
              + p.to().getYear()
              + " through "
              + p.to();
      case RANGE -> p.from() + " to " + p.to();
    };
  }

  private static void cards(StringBuilder h, CostReport r) {
    Totals t = r.totals();
    h.append("<div class=\"cards\">\n");
    card(h, "Cost", Html.money(t.costUsd()), t.costUsd().toPlainString() + " USD");
    card(h, "Requests", Html.count(t.requests()), null);
    card(h, "Error rate", Html.percent(t.errorRate()), Html.count(t.errors()) + " errors");
    card(
        h,
        "Throttle rate",
        Html.percent(t.throttleRate()),
        Html.count(t.rateLimited()) + " rate-limited");
    card(
        h,
        "Estimated usage",
        Html.percent(t.estimatedShare()),
        Html.count(t.estimatedUsage()) + " requests counted with a tokenizer");
    card(h, "Unpriced requests", Html.count(t.unpriced()), "models missing from the catalog");
    if (t.implausibleUsage() > 0) {
      card(
          h,
          "Implausible usage",
          Html.count(t.implausibleUsage()),
          "not priced, tokens left out: see tollgate.usage.invalid");
    }
    BudgetSummary b = r.budgets();
    card(h, "Month to date", Html.money(b.spentUsd()), b.month() + " through " + b.asOf());
    card(h, "Month-end forecast", Html.money(b.forecastUsd()), "straight-line projection");
    h.append("</div>\n");
  }

  private static void card(StringBuilder h, String key, String value, String title) {
    h.append("<div class=\"card\"");
    if (title != null) {
      h.append(" title=\"").append(Html.esc(title)).append('"');
    }
    h.append("><div class=\"k\">")
        .append(Html.esc(key))
        .append("</div><div class=\"v\">")
        .append(Html.esc(value))
        .append("</div></div>\n");
  }

  private static void figure(StringBuilder h, String caption, String svg) {
    h.append("<figure><figcaption>")
        .append(Html.esc(caption))
        .append("</figcaption>\n")
        .append(svg)
        .append("\n</figure>\n");
  }

  private static void budgets(StringBuilder h, BudgetSummary s) {
    h.append("<h2>Budgets, ")
        .append(
            Html.esc(
                s.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + " "
                    + s.month().getYear()))
        .append("</h2>\n<p class=\"note\">")
        .append(
            Html.esc(
                "Month to date through "
                    + s.asOf()
                    + " ("
                    + s.daysElapsed()
                    + " of "
                    + s.daysInMonth()
                    + " days). Forecast = spent \u00d7 "
                    + s.daysInMonth()
                    + " \u00f7 "
                    + s.daysElapsed()
                    + ". Over: spent more than the budget; at risk: the forecast exceeds it."))
        .append("</p>\n");
    if (s.teams().isEmpty()) {
      h.append("<p class=\"note\">No budgets configured and no spend this month.</p>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table><thead><tr><th>Team</th><th>Status</th>")
        .append(
            "<th class=\"n\">Budget</th><th class=\"n\">Spent</th><th class=\"n\">Used</th>"
                + "<th class=\"n\">Forecast</th><th class=\"n\">Forecast / budget</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (BudgetStatus b : s.teams()) {
      String status = b.status().wireName();
      h.append("<tr><td>")
          .append(Html.esc(b.team()))
          .append("</td><td><span class=\"badge ")
          .append(status)
          .append("\">")
          .append(Html.esc(status.replace('_', ' ')))
          .append("</span></td>");
      money(h, b.budgetUsd());
      money(h, b.spentUsd());
      cell(h, Html.percent(b.spentShare()));
      money(h, b.forecastUsd());
      cell(h, Html.percent(b.forecastShare()));
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  private static void movers(StringBuilder h, CostReport r) {
    h.append("<h2>Top movers</h2>\n<p class=\"note\">")
        .append(
            Html.esc(
                "Biggest cost changes against the previous "
                    + r.period().days()
                    + " days ("
                    + r.previous().from()
                    + " to "
                    + r.previous().to()
                    + ", "
                    + r.previousTotals().requests()
                    + " requests, "
                    + Html.money(r.previousTotals().costUsd())
                    + ")."))
        .append("</p>\n");
    for (String kind : List.of("team", "deployment")) {
      List<Mover> ms = r.movers(kind);
      h.append("<h3>By ").append(kind).append("</h3>\n");
      if (ms.isEmpty()) {
        h.append("<p class=\"note\">No change.</p>\n");
        continue;
      }
      h.append("<div class=\"scroll\"><table><thead><tr><th>")
          .append(kind.equals("team") ? "Team" : "Deployment")
          .append("</th><th class=\"n\">Previous</th><th class=\"n\">Now</th>")
          .append(
              "<th class=\"n\">Change</th><th class=\"n\">Change %</th></tr></thead>\n<tbody>\n");
      for (Mover m : ms) {
        h.append("<tr><td>").append(Html.esc(m.name())).append("</td>");
        money(h, m.previousUsd());
        money(h, m.currentUsd());
        h.append("<td class=\"n ")
            .append(m.changeUsd().signum() > 0 ? "up" : "down")
            .append("\" title=\"")
            .append(Html.esc(m.changeUsd().toPlainString()))
            .append("\">")
            .append(Html.esc(Html.change(m.changeUsd())))
            .append("</td>");
        cell(h, m.changeShare() == null ? "new" : Html.percent(m.changeShare()));
        h.append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
  }

  private static void unpriced(StringBuilder h, CostReport r) {
    h.append("<h2>Unpriced models</h2>\n");
    if (r.unpriced().isEmpty()) {
      h.append("<p class=\"note\">Every request with usage was priced.</p>\n");
      return;
    }
    h.append(
        "<p class=\"note\">The price catalog does not know these models: their requests are"
            + " counted but not in the cost. Add them to the catalog (or a --catalog file).</p>\n");
    h.append(
        "<div class=\"scroll\"><table><thead><tr><th>Model</th><th class=\"n\">Requests</th><th class=\"n\">Input"
            + " tokens</th><th class=\"n\">Cached input</th><th class=\"n\">Output"
            + " tokens</th></tr></thead>\n<tbody>\n");
    for (UnpricedModel u : r.unpriced()) {
      h.append("<tr><td>").append(Html.esc(u.model())).append("</td>");
      cell(h, Html.count(u.requests()));
      cell(h, Html.count(u.inputTokens()));
      cell(h, Html.count(u.cachedInputTokens()));
      cell(h, Html.count(u.outputTokens()));
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  /** Only with resource logs: without them there is nothing to compare. */
  private static void bypass(StringBuilder h, CostReport r) {
    if (r.gatewayBypass().isEmpty()) {
      return;
    }
    long total = r.gatewayBypass().stream().mapToLong(BypassedDeployment::bypassRequests).sum();
    h.append("<h2>Traffic that bypassed the gateway</h2>\n<p class=\"note\">")
        .append(
            Html.esc(
                "Calls each Azure OpenAI account logged itself (RequestResponse resource logs)"
                    + " beyond those APIM passed to it: "
                    + Html.count(total)
                    + " in this period, outside the gateway's quotas and this report's cost."))
        .append("</p>\n");
    h.append(
        "<div class=\"scroll\"><table><thead><tr><th>Account</th><th>Deployment</th>"
            + "<th class=\"n\">Account requests</th><th class=\"n\">Through APIM</th>"
            + "<th class=\"n\">Bypassed</th><th class=\"n\">Share</th></tr></thead>\n<tbody>\n");
    int shown = 0;
    for (BypassedDeployment b : r.gatewayBypass()) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      h.append("<tr><td>")
          .append(Html.esc(b.account()))
          .append("</td><td>")
          .append(Html.esc(b.deployment()))
          .append("</td>");
      cell(h, Html.count(b.accountRequests()));
      cell(h, Html.count(b.gatewayRequests()));
      cell(h, Html.count(b.bypassRequests()));
      cell(h, b.bypassShare() == null ? "" : Html.percent(b.bypassShare()));
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  private static void breakdowns(StringBuilder h, CostReport r) {
    h.append("<h2>Breakdowns</h2>\n");
    for (Breakdown b : r.breakdowns()) {
      h.append("<h3>By ").append(Html.esc(String.join(", ", b.dimensions()))).append("</h3>\n");
      h.append("<div class=\"scroll\"><table><thead><tr>");
      for (String d : b.dimensions()) {
        h.append("<th>").append(Html.esc(capitalize(d))).append("</th>");
      }
      h.append(
          "<th class=\"n\">Requests</th><th class=\"n\">Errors</th><th class=\"n\">Throttled</th>"
              + "<th class=\"n\">Estimated</th><th class=\"n\">Unpriced</th>"
              + "<th class=\"n\">Input</th><th class=\"n\">Cached</th><th class=\"n\">Output</th>"
              + "<th class=\"n\">Reasoning</th><th class=\"n\">Cost</th></tr></thead>\n<tbody>\n");
      int shown = 0;
      for (Breakdown.Row row : b.rows()) {
        if (shown++ == MAX_ROWS) {
          break;
        }
        Totals t = row.totals();
        h.append("<tr>");
        for (String k : row.key()) {
          h.append("<td>").append(Html.esc(k)).append("</td>");
        }
        cell(h, Html.count(t.requests()));
        cell(h, Html.percent(t.errorRate()));
        cell(h, Html.percent(t.throttleRate()));
        cell(h, Html.percent(t.estimatedShare()));
        cell(h, Html.count(t.unpriced()));
        cell(h, Html.count(t.inputTokens()));
        cell(h, Html.count(t.cachedInputTokens()));
        cell(h, Html.count(t.outputTokens()));
        cell(h, Html.count(t.reasoningTokens()));
        money(h, t.costUsd());
        h.append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
      if (b.rows().size() > MAX_ROWS) {
        h.append("<p class=\"note\">")
            .append(
                Html.esc(
                    (b.rows().size() - MAX_ROWS) + " more rows in the " + b.name() + " CSV file."))
            .append("</p>\n");
      }
    }
  }

  private static void notes(StringBuilder h, CostReport r) {
    InputStats in = r.input();
    h.append("<h2>How this report counts</h2>\n<ul class=\"note\">\n");
    li(
        h,
        "LLM requests from requests.jsonl, by the UTC day of the original request. Cost is the"
            + " exact sum of tollgate.cost.usd; unpriced and provisioned (PTU, billed per hour)"
            + " requests are counted but carry no cost.");
    li(
        h,
        "Error rate: requests with an error.type; throttle rate: error.type rate_limited (429, or"
            + " 403 from a token quota). Estimated: usage counted with a tokenizer, a lower bound"
            + " for reasoning models.");
    li(
        h,
        "Input tokens include cached input; output tokens include reasoning. The tokens chart"
            + " splits them so the bars do not overlap.");
    li(
        h,
        "Records read: "
            + in.records()
            + "; redelivered duplicates skipped (same tollgate.item_id): "
            + in.duplicates()
            + "; not LLM calls: "
            + in.notLlm()
            + "; outside the report's days: "
            + in.outsidePeriod()
            + "; without a time: "
            + in.withoutTime()
            + "; unreadable lines: "
            + in.malformed()
            + ".");
    if (in.resourceLog() > 0) {
      li(
          h,
          in.resourceLog()
              + " records of the Azure OpenAI accounts' own resource logs are the accounts' view"
              + " of calls: not counted as requests or cost, only compared with APIM's for the"
              + " gateway bypass.");
    }
    if (in.withoutItemId() > 0) {
      li(
          h,
          in.withoutItemId() + " records had no tollgate.item_id and could not be de-duplicated.");
    }
    h.append("</ul>\n");
  }

  private static void li(StringBuilder h, String text) {
    h.append("<li>").append(Html.esc(text)).append("</li>\n");
  }

  private static void cell(StringBuilder h, String text) {
    h.append("<td class=\"n\">").append(Html.esc(text)).append("</td>");
  }

  private static void money(StringBuilder h, BigDecimal v) {
    h.append("<td class=\"n\"");
    if (v != null) {
      h.append(" title=\"").append(Html.esc(v.toPlainString())).append('"');
    }
    h.append('>').append(Html.esc(v == null ? "" : Html.money(v))).append("</td>");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
