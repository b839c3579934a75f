package dev.tollgate.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.model.LlmRequest;
import java.io.IOException;
import java.util.List;

/**
 * The flat JSON form of an {@link LlmRequest}: one line of {@code requests.jsonl}, and the
 * dimensions of the {@code LlmRequest} custom event. The first keys are a fixed contract (README,
 * "Output"), present on every line and null when unknown.
 */
public final class RequestFields {
  /** Keys every line carries, in order. */
  public static final List<String> FIXED_KEYS =
      List.of(
          "time",
          "correlation_id",
          "gen_ai.provider.name",
          "gen_ai.operation.name",
          "gen_ai.request.model",
          "gen_ai.response.model",
          "azure.openai.deployment",
          "gen_ai.usage.input_tokens",
          "gen_ai.usage.output_tokens",
          "gen_ai.usage.cache_read.input_tokens",
          "gen_ai.usage.reasoning.output_tokens",
          "tollgate.usage.source",
          "tollgate.cost.usd",
          "tollgate.cost.status",
          "apim.subscription_id",
          "apim.product_id",
          "apim.api_id",
          "client.address",
          "http.response.status_code",
          "error.type",
          "tollgate.content_filter",
          "tollgate.duration_ms",
          "tollgate.backend_ms");

  private RequestFields() {}

  public static void write(JsonGenerator g, LlmRequest r) throws IOException {
    g.writeStartObject();
    g.writeStringField("time", r.time().toString());
    str(g, "correlation_id", r.correlationId());
    str(g, "gen_ai.provider.name", r.llm() ? LlmRequest.PROVIDER : null);
    str(g, "gen_ai.operation.name", r.operationName());
    str(g, "gen_ai.request.model", r.requestModel());
    str(g, "gen_ai.response.model", r.responseModel());
    str(g, "azure.openai.deployment", r.deployment());
    num(g, "gen_ai.usage.input_tokens", r.usage().inputTokens());
    num(g, "gen_ai.usage.output_tokens", r.usage().outputTokens());
    num(g, "gen_ai.usage.cache_read.input_tokens", r.usage().cachedInputTokens());
    num(g, "gen_ai.usage.reasoning.output_tokens", r.usage().reasoningTokens());
    g.writeStringField("tollgate.usage.source", r.usage().source().wireName());
    g.writeFieldName("tollgate.cost.usd");
    if (r.cost().usd() == null) {
      g.writeNull();
    } else {
      g.writeNumber(r.cost().usd());
    }
    g.writeStringField("tollgate.cost.status", r.cost().status().wireName());
    str(g, "apim.subscription_id", r.caller().subscriptionId());
    str(g, "apim.product_id", r.caller().productId());
    str(g, "apim.api_id", r.caller().apiId());
    str(g, "client.address", r.caller().clientAddress());
    num(
        g,
        "http.response.status_code",
        r.outcome().statusCode() == null ? null : r.outcome().statusCode().longValue());
    str(
        g,
        "error.type",
        r.outcome().errorType() == null ? null : r.outcome().errorType().wireName());
    list(g, "tollgate.content_filter", r.outcome().contentFilter());
    num(g, "tollgate.duration_ms", r.outcome().durationMs());
    num(g, "tollgate.backend_ms", r.outcome().backendMs());
    // Beyond the fixed contract.
    g.writeStringField("tollgate.item_id", r.itemId());
    str(g, "tollgate.record.category", r.category());
    g.writeBooleanField("tollgate.llm", r.llm());
    str(g, "tollgate.api", r.api());
    str(g, "azure.openai.api_version", r.apiVersion());
    str(g, "gen_ai.response.id", r.responseId());
    list(g, "gen_ai.response.finish_reasons", r.outcome().finishReasons());
    g.writeFieldName("tollgate.stream");
    if (r.stream() == null) {
      g.writeNull();
    } else {
      g.writeBoolean(r.stream());
    }
    str(g, "tollgate.price.model", r.pricedModel());
    str(g, "tollgate.price.deployment_type", r.deploymentType());
    str(g, "tollgate.price.ref", r.cost().priceRef());
    str(g, "apim.api_revision", r.caller().apiRevision());
    str(g, "apim.user_id", r.caller().userId());
    str(g, "enduser.id", r.caller().endUser());
    num(g, "tollgate.gateway_ms", r.outcome().gatewayMs());
    g.writeBooleanField("tollgate.truncated", r.truncated());
    str(g, "cloud.region", r.region());
    str(g, "apim.resource_id", r.gatewayResource());
    g.writeEndObject();
  }

  static void str(JsonGenerator g, String name, String v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeString(v);
    }
  }

  static void num(JsonGenerator g, String name, Long v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v);
    }
  }

  static void list(JsonGenerator g, String name, List<String> v) throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : v) {
      g.writeString(s);
    }
    g.writeEndArray();
  }
}
