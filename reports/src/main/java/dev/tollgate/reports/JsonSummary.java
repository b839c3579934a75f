package dev.tollgate.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON summary: period, totals, per-team budget status, movers, unpriced models, the gateway
 * bypass per account and deployment (empty without resource logs), totals per team, the event's
 * dimensions and what was read. Money is an exact JSON number in USD; shares are fractions with 4
 * decimals; a share with no denominator is null.
 */
public final class JsonSummary {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private JsonSummary() {}

  public static String render(CostReport r) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("report", CostReport.EVENT_NAME);
      g.writeStringField("period", r.period().kind().wireName());
      g.writeStringField("name", r.period().name());
      g.writeStringField("from", r.period().from().toString());
      g.writeStringField("to", r.period().to().toString());
      g.writeNumberField("days", r.period().days());
      g.writeStringField("generated_at", r.generatedAt().toString());
      g.writeStringField("source", r.source());
      g.writeObjectFieldStart("totals");
      totals(g, r.totals());
      g.writeEndObject();
      g.writeObjectFieldStart("previous");
      g.writeStringField("from", r.previous().from().toString());
      g.writeStringField("to", r.previous().to().toString());
      totals(g, r.previousTotals());
      g.writeEndObject();
      budgets(g, r.budgets());
      g.writeArrayFieldStart("movers");
      for (Mover m : r.movers()) {
        g.writeStartObject();
        g.writeStringField("kind", m.kind());
        g.writeStringField("name", m.name());
        number(g, "previous_cost_usd", m.previousUsd());
        number(g, "cost_usd", m.currentUsd());
        number(g, "change_usd", m.changeUsd());
        number(g, "change_share", m.changeShare());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("unpriced_models");
      for (UnpricedModel u : r.unpriced()) {
        g.writeStartObject();
        g.writeStringField("model", u.model());
        g.writeNumberField("requests", u.requests());
        g.writeNumberField("input_tokens", u.inputTokens());
        g.writeNumberField("cached_input_tokens", u.cachedInputTokens());
        g.writeNumberField("output_tokens", u.outputTokens());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("gateway_bypass");
      for (BypassedDeployment b : r.gatewayBypass()) {
        g.writeStartObject();
        g.writeStringField("account", b.account());
        g.writeStringField("deployment", b.deployment());
        g.writeNumberField("account_requests", b.accountRequests());
        g.writeNumberField("gateway_requests", b.gatewayRequests());
        g.writeNumberField("bypass_requests", b.bypassRequests());
        number(g, "bypass_share", b.bypassShare());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("by_team");
      for (Breakdown.Row row : r.breakdown("by-team").map(Breakdown::rows).orElse(List.of())) {
        g.writeStartObject();
        g.writeStringField("team", row.key().get(0));
        totals(g, row.totals());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("event");
      g.writeStringField("name", CostReport.EVENT_NAME);
      g.writeObjectFieldStart("properties");
      for (Map.Entry<String, String> e : r.eventProperties().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      input(g, r.input());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }

  private static void totals(JsonGenerator g, Totals t) throws IOException {
    g.writeNumberField("requests", t.requests());
    number(g, "cost_usd", t.costUsd());
    g.writeNumberField("priced_requests", t.priced());
    g.writeNumberField("errors", t.errors());
    number(g, "error_rate", t.errorRate());
    g.writeNumberField("rate_limited", t.rateLimited());
    number(g, "throttle_rate", t.throttleRate());
    g.writeNumberField("estimated_usage_requests", t.estimatedUsage());
    number(g, "estimated_usage_share", t.estimatedShare());
    g.writeNumberField("unpriced_requests", t.unpriced());
    g.writeNumberField("provisioned_requests", t.provisioned());
    g.writeNumberField("implausible_usage_requests", t.implausibleUsage());
    g.writeObjectFieldStart("tokens");
    g.writeNumberField("input", t.inputTokens());
    g.writeNumberField("cached_input", t.cachedInputTokens());
    g.writeNumberField("output", t.outputTokens());
    g.writeNumberField("reasoning", t.reasoningTokens());
    g.writeEndObject();
  }

  private static void budgets(JsonGenerator g, BudgetSummary s) throws IOException {
    g.writeObjectFieldStart("budgets");
    g.writeStringField("month", s.month().toString());
    g.writeStringField("as_of", s.asOf().toString());
    g.writeNumberField("days_elapsed", s.daysElapsed());
    g.writeNumberField("days_in_month", s.daysInMonth());
    g.writeStringField("forecast_formula", "spent_usd * days_in_month / days_elapsed");
    number(g, "spent_usd", s.spentUsd());
    number(g, "forecast_usd", s.forecastUsd());
    g.writeNumberField("teams_over", s.count(BudgetStatus.Status.OVER));
    g.writeNumberField("teams_at_risk", s.count(BudgetStatus.Status.AT_RISK));
    g.writeArrayFieldStart("teams");
    for (BudgetStatus b : s.teams()) {
      g.writeStartObject();
      g.writeStringField("team", b.team());
      number(g, "budget_usd", b.budgetUsd());
      number(g, "spent_usd", b.spentUsd());
      number(g, "forecast_usd", b.forecastUsd());
      number(g, "spent_share", b.spentShare());
      number(g, "forecast_share", b.forecastShare());
      g.writeStringField("status", b.status().wireName());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void input(JsonGenerator g, InputStats in) throws IOException {
    g.writeObjectFieldStart("input");
    g.writeNumberField("records", in.records());
    g.writeNumberField("malformed_lines", in.malformed());
    g.writeNumberField("not_llm", in.notLlm());
    g.writeNumberField("without_time", in.withoutTime());
    g.writeNumberField("outside_period", in.outsidePeriod());
    g.writeNumberField("duplicates", in.duplicates());
    g.writeNumberField("without_item_id", in.withoutItemId());
    g.writeNumberField("resource_log_records", in.resourceLog());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, BigDecimal v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }
}
