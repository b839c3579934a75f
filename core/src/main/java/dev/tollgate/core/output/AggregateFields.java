package dev.tollgate.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.aggregate.WindowAggregator;
import dev.tollgate.core.aggregate.WindowKey;
import dev.tollgate.core.model.ErrorType;
import java.io.IOException;

/** The flat JSON form of a {@link WindowAggregate}: one line of {@code aggregates.jsonl}. */
public final class AggregateFields {
  private AggregateFields() {}

  public static void write(JsonGenerator g, WindowAggregate a) throws IOException {
    WindowKey k = a.key();
    g.writeStartObject();
    g.writeStringField("tollgate.item_id", WindowAggregator.itemId(a));
    g.writeStringField("window_start", k.windowStart().toString());
    g.writeStringField("window_end", k.windowEnd().toString());
    RequestFields.str(g, "tollgate.record.category", k.category());
    RequestFields.str(g, "azure.openai.account", k.account());
    RequestFields.str(g, "azure.openai.deployment", k.deployment());
    RequestFields.str(g, "gen_ai.response.model", k.model());
    RequestFields.str(g, "azure.openai.model_version", k.modelVersion());
    RequestFields.str(g, "apim.subscription_id", k.subscriptionId());
    RequestFields.str(g, "gen_ai.operation.name", k.operation());
    g.writeNumberField("requests", a.requests());
    g.writeNumberField("errors", a.errorCount());
    for (ErrorType e : ErrorType.values()) {
      g.writeNumberField("errors." + e.wireName(), a.errors().getOrDefault(e, 0L));
    }
    g.writeNumberField("content_filter.requests", a.contentFiltered());
    g.writeNumberField("gen_ai.usage.input_tokens", a.inputTokens());
    g.writeNumberField("gen_ai.usage.output_tokens", a.outputTokens());
    g.writeNumberField("gen_ai.usage.cache_read.input_tokens", a.cachedInputTokens());
    g.writeNumberField("gen_ai.usage.reasoning.output_tokens", a.reasoningTokens());
    g.writeFieldName("tollgate.cost.usd");
    g.writeNumber(a.costUsd());
    g.writeNumberField("requests.estimated_usage", a.estimatedUsage());
    g.writeNumberField("requests.unpriced", a.unpriced());
    g.writeNumberField("requests.implausible_usage", a.implausibleUsage());
    g.writeNumberField("requests.partially_priced", a.partiallyPriced());
    g.writeNumberField("duration_ms.count", a.durationCount());
    g.writeNumberField("duration_ms.sum", a.durationSum());
    RequestFields.num(g, "duration_ms.min", a.durationMin());
    RequestFields.num(g, "duration_ms.max", a.durationMax());
    RequestFields.num(g, "duration_ms.p50", a.durationPercentile(50));
    RequestFields.num(g, "duration_ms.p95", a.durationPercentile(95));
    RequestFields.num(g, "duration_ms.p99", a.durationPercentile(99));
    g.writeObjectFieldStart("duration_ms.buckets");
    long[] counts = a.durationBuckets();
    for (int i = 0; i < WindowAggregate.LATENCY_BUCKETS_MS.size(); i++) {
      g.writeNumberField("le_" + WindowAggregate.LATENCY_BUCKETS_MS.get(i), counts[i]);
    }
    g.writeNumberField("le_inf", counts[counts.length - 1]);
    g.writeEndObject();
    g.writeEndObject();
  }
}
