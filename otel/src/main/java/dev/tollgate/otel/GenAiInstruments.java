package dev.tollgate.otel;

import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import java.math.BigDecimal;
import java.util.List;

/**
 * The metric instruments, with OpenTelemetry GenAI semantic-convention names where the conventions
 * have one and {@code tollgate.*} names otherwise. Attributes are kept to low-cardinality values
 * (operation, provider, models, outcome class): ids, callers and addresses go to the log records,
 * never to metrics.
 *
 * <ul>
 *   <li>{@code gen_ai.client.token.usage}: histogram, {@code {token}}, one measurement per token
 *       type ({@code gen_ai.token.type} = {@code input} | {@code output}) as the conventions
 *       define.
 *   <li>{@code gen_ai.client.operation.duration}: histogram, seconds, APIM's total duration, with
 *       {@code error.type} when the call failed.
 *   <li>{@code tollgate.token.usage}: counter, {@code {token}}, all four token types ({@code
 *       input}, {@code output}, {@code cached_input}, {@code reasoning}). The conventions'
 *       histogram has no type for cached or reasoning tokens; a counter of all four lets a
 *       dashboard divide one series by another (cache hit ratio = cached_input / input) in any
 *       backend, including those that store histograms opaquely. Types overlap: cached_input is
 *       part of input and reasoning part of output, so never sum across types.
 *   <li>{@code tollgate.cost}: double counter, {@code USD}, priced calls only.
 *   <li>{@code tollgate.requests}: counter, {@code {request}}, every LLM call, with {@code
 *       error.type} and {@code tollgate.cost.status}.
 *   <li>{@code tollgate.dead_letters}: counter, {@code {record}}, records that could not be read or
 *       enriched, by {@code tollgate.dead_letter.reason}.
 * </ul>
 */
final class GenAiInstruments {
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
  static final String TOKENS = "tollgate.token.usage";
  static final String COST = "tollgate.cost";
  static final String REQUESTS = "tollgate.requests";
  static final String DEAD_LETTERS = "tollgate.dead_letters";

  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> COST_STATUS = AttributeKey.stringKey("tollgate.cost.status");
  static final AttributeKey<String> DEAD_LETTER_REASON =
      AttributeKey.stringKey("tollgate.dead_letter.reason");

  /** Bucket boundaries the GenAI semantic conventions advise for token counts. */
  static final List<Double> TOKEN_BUCKETS =
      List.of(
          1d, 4d, 16d, 64d, 256d, 1024d, 4096d, 16384d, 65536d, 262144d, 1048576d, 4194304d,
          16777216d, 67108864d);

  /** Bucket boundaries the GenAI semantic conventions advise for durations, in seconds. */
  static final List<Double> DURATION_BUCKETS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  private final LongHistogram tokenUsage;
  private final DoubleHistogram duration;
  private final LongCounter tokens;
  private final DoubleCounter cost;
  private final LongCounter requests;
  private final LongCounter deadLetters;

  GenAiInstruments(Meter meter) {
    tokenUsage =
        meter
            .histogramBuilder(TOKEN_USAGE)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Number of input and output tokens used.")
            .build();
    duration =
        meter
            .histogramBuilder(OPERATION_DURATION)
            .setUnit("s")
            .setDescription("GenAI operation duration, as the API gateway measured it.")
            .build();
    tokens =
        meter
            .counterBuilder(TOKENS)
            .setUnit("{token}")
            .setDescription(
                "Tokens by type: input, output, cached_input (part of input), reasoning (part of"
                    + " output).")
            .build();
    cost =
        meter
            .counterBuilder(COST)
            .ofDoubles()
            .setUnit("USD")
            .setDescription("Cost of priced calls at catalog prices.")
            .build();
    requests =
        meter
            .counterBuilder(REQUESTS)
            .setUnit("{request}")
            .setDescription("LLM calls, by outcome class and cost status.")
            .build();
    deadLetters =
        meter
            .counterBuilder(DEAD_LETTERS)
            .setUnit("{record}")
            .setDescription("Gateway records that could not be read or enriched, by reason.")
            .build();
  }

  /** The semantic conventions' bucket boundaries, as views (they win over any default). */
  static SdkMeterProviderBuilder registerViews(SdkMeterProviderBuilder b) {
    return b.registerView(
            InstrumentSelector.builder().setName(TOKEN_USAGE).build(),
            View.builder()
                .setAggregation(Aggregation.explicitBucketHistogram(TOKEN_BUCKETS))
                .build())
        .registerView(
            InstrumentSelector.builder().setName(OPERATION_DURATION).build(),
            View.builder()
                .setAggregation(Aggregation.explicitBucketHistogram(DURATION_BUCKETS))
                .build());
  }

  /** Records one LLM call. */
  void record(LlmRequest r) {
    Attributes base = base(r);
    TokenUsage u = r.usage();
    if (u.inputTokens() != null) {
      tokenUsage.record(u.inputTokens(), with(base, TOKEN_TYPE, "input"));
    }
    if (u.outputTokens() != null) {
      tokenUsage.record(u.outputTokens(), with(base, TOKEN_TYPE, "output"));
    }
    count(tokens, u.inputTokens(), base, "input");
    count(tokens, u.outputTokens(), base, "output");
    count(tokens, u.cachedInputTokens(), base, "cached_input");
    count(tokens, u.reasoningTokens(), base, "reasoning");

    String error = r.outcome().errorType() == null ? null : r.outcome().errorType().wireName();
    Attributes outcome = error == null ? base : with(base, ERROR_TYPE, error);
    Long ms = r.outcome().durationMs();
    if (ms != null && ms >= 0) {
      duration.record(ms / 1000.0, outcome);
    }
    requests.add(1, with(outcome, COST_STATUS, r.price().cost().status().wireName()));
    BigDecimal usd = r.price().cost().usd();
    if (usd != null && usd.signum() > 0) {
      cost.add(usd.doubleValue(), base);
    }
  }

  void deadLetter(String reason) {
    deadLetters.add(1, Attributes.of(DEAD_LETTER_REASON, reason == null ? "unknown" : reason));
  }

  /**
   * The attributes every LLM measurement carries. For Azure OpenAI the request body seldom names a
   * model: the deployment is what the caller asked for, so it stands in for {@code
   * gen_ai.request.model}.
   */
  static Attributes base(LlmRequest r) {
    AttributesBuilder b = Attributes.builder().put(PROVIDER_NAME, LlmRequest.PROVIDER);
    putIfKnown(b, OPERATION_NAME, r.route().operationName());
    putIfKnown(
        b,
        REQUEST_MODEL,
        r.model().requestModel() != null ? r.model().requestModel() : r.route().deployment());
    putIfKnown(b, RESPONSE_MODEL, r.model().responseModel());
    return b.build();
  }

  private static void count(LongCounter c, Long value, Attributes base, String type) {
    if (value != null && value > 0) {
      c.add(value, with(base, TOKEN_TYPE, type));
    }
  }

  private static Attributes with(Attributes base, AttributeKey<String> key, String value) {
    return base.toBuilder().put(key, value).build();
  }

  private static void putIfKnown(AttributesBuilder b, AttributeKey<String> key, String value) {
    if (value != null && !value.isBlank()) {
      b.put(key, value);
    }
  }
}
