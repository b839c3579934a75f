package dev.tollgate.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.parse.RecordKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
          "tollgate.backend_ms",
          // added for Azure OpenAI resource logs, present on gateway records too
          "tollgate.item_id",
          "tollgate.record.category",
          "tollgate.llm",
          "azure.openai.account",
          "azure.openai.model_version",
          "azure.openai.api_version",
          "tollgate.stream");

  private RequestFields() {}

  /** Writes the request as one JSON object. */
  public static void write(JsonGenerator g, LlmRequest r) throws IOException {
    g.writeStartObject();
    visit(r, new JsonFieldWriter(g));
    g.writeEndObject();
  }

  /** Hands every field to the visitor, the fixed contract first. */
  public static void visit(LlmRequest r, FieldVisitor v) throws IOException {
    v.string("time", r.origin().time().toString());
    v.string("correlation_id", r.origin().correlationId());
    v.string("gen_ai.provider.name", r.route().llm() ? LlmRequest.PROVIDER : null);
    v.string("gen_ai.operation.name", r.route().operationName());
    v.string("gen_ai.request.model", r.model().requestModel());
    v.string("gen_ai.response.model", r.model().responseModel());
    v.string("azure.openai.deployment", r.route().deployment());
    v.number("gen_ai.usage.input_tokens", r.usage().inputTokens());
    v.number("gen_ai.usage.output_tokens", r.usage().outputTokens());
    v.number("gen_ai.usage.cache_read.input_tokens", r.usage().cachedInputTokens());
    v.number("gen_ai.usage.reasoning.output_tokens", r.usage().reasoningTokens());
    v.string("tollgate.usage.source", r.usage().source().wireName());
    v.decimal("tollgate.cost.usd", r.price().cost().usd());
    v.string("tollgate.cost.status", r.price().cost().status().wireName());
    v.string("apim.subscription_id", r.caller().subscriptionId());
    v.string("apim.product_id", r.caller().productId());
    v.string("apim.api_id", r.caller().apiId());
    v.string("client.address", r.caller().clientAddress());
    Integer status = r.outcome().statusCode();
    v.number("http.response.status_code", status == null ? null : status.longValue());
    v.string(
        "error.type", r.outcome().errorType() == null ? null : r.outcome().errorType().wireName());
    v.list("tollgate.content_filter", r.outcome().contentFilter());
    v.number("tollgate.duration_ms", r.outcome().durationMs());
    v.number("tollgate.backend_ms", r.outcome().backendMs());
    v.string("tollgate.item_id", r.origin().itemId());
    v.string("tollgate.record.category", r.origin().category());
    v.bool("tollgate.llm", r.route().llm());
    v.string("azure.openai.account", r.route().account());
    v.string("azure.openai.model_version", r.model().modelVersion());
    v.string("azure.openai.api_version", r.route().apiVersion());
    v.bool("tollgate.stream", r.route().stream());
    // Beyond the fixed contract.
    v.string("azure.operation.name", r.route().azureOperation());
    v.list("tollgate.unmapped", r.origin().unmapped());
    v.string("tollgate.api", r.route().api());
    v.string("gen_ai.response.id", r.model().responseId());
    v.list("gen_ai.response.finish_reasons", r.outcome().finishReasons());
    v.string("tollgate.price.model", r.price().pricedModel());
    v.string("tollgate.price.source", r.price().priceSource());
    v.string("tollgate.price.deployment_type", r.price().deploymentType());
    v.string("tollgate.price.ref", r.price().cost().priceRef());
    v.decimals("tollgate.cost.breakdown", breakdown(r.price().cost()));
    v.string("tollgate.usage.invalid", r.usage().implausible());
    // Modality counts (OpenTelemetry GenAI names): parts of the input and output counts above.
    v.number("gen_ai.usage.audio.input_tokens", r.usage().audioInputTokens());
    v.number("gen_ai.usage.audio.cache_read.input_tokens", r.usage().cachedAudioInputTokens());
    v.number("gen_ai.usage.audio.output_tokens", r.usage().audioOutputTokens());
    v.number("gen_ai.usage.image.input_tokens", r.usage().imageInputTokens());
    v.number("gen_ai.usage.image.cache_read.input_tokens", r.usage().cachedImageInputTokens());
    v.number("gen_ai.usage.image.output_tokens", r.usage().imageOutputTokens());
    v.string("openai.request.service_tier", r.model().requestServiceTier());
    v.string("openai.response.service_tier", r.model().responseServiceTier());
    v.string("apim.api_revision", r.caller().apiRevision());
    v.string("apim.user_id", r.caller().userId());
    v.string("enduser.id", r.caller().endUser());
    v.number("tollgate.gateway_ms", r.outcome().gatewayMs());
    v.bool("tollgate.truncated", r.origin().truncated());
    v.string("cloud.region", r.origin().region());
    boolean account = RecordKind.of(r) == RecordKind.OPENAI_RESOURCE_LOG;
    v.string("apim.resource_id", account ? null : r.origin().resourceId());
    v.string("azure.openai.resource_id", account ? r.origin().resourceId() : null);
    if (r.content() != null) {
      // Opt-in only (TOLLGATE_CAPTURE_CONTENT), redacted and cut.
      v.string("gen_ai.input.messages", r.content().input());
      v.string("gen_ai.output.messages", r.content().output());
    }
  }

  /** Token class wire name to USD, in class order; null when nothing was priced. */
  public static Map<String, BigDecimal> breakdown(Cost c) {
    if (c.breakdown() == null) {
      return null;
    }
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    c.breakdown().forEach((k, v) -> m.put(k.wireName(), v));
    return m;
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
