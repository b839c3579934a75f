package dev.tollgate.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.RunStats;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs realistic APIM GatewayLogs records through the real core pipeline into the sink, against a
 * local OTLP/HTTP receiver, and checks what arrives by decoding it with the official OTLP classes.
 */
class OtlpSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pipeline PIPELINE = Pipeline.builder().build();

  private static final String URL =
      "https://apim/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
  private static final String T1 = "2025-06-02T08:15:30.1234567Z";
  private static final String T2 = "2025-06-02T08:15:41.5Z";
  private static final String T3 = "2025-06-02T08:15:42.0000001Z";
  private static final String ID1 = "6F1C2B7E-0001-4C1A-9D55-1A2B3C4D5E01";
  private static final String ID2 = "6f1c2b7e-0002-4c1a-9d55-1a2b3c4d5e02";
  private static final String ID3 = "6f1c2b7e-0003-4c1a-9d55-1a2b3c4d5e03";

  private OtlpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new OtlpReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void genAiMetricsAndRequestEventsArriveOverOtlpHttp() throws Exception {
    RunStats stats;
    try (OtlpSink sink =
        OtlpSettings.sink(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                    "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20s3cret",
                    "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test",
                    "UNRELATED_SETTING", "ignored"))
            .orElseThrow()) {
      stats = runOnce(sink, threeCalls());
    }
    assertThat(stats.llmRequests()).isEqualTo(3);
    assertThat(stats.costUsd()).isPositive();

    List<OtlpReceiver.Received> metricPosts = receiver.accepted("/v1/metrics");
    assertThat(metricPosts).isNotEmpty();
    OtlpReceiver.Received post = metricPosts.get(0);
    assertThat(post.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(post.header("Authorization")).isEqualTo("Bearer s3cret");
    ExportMetricsServiceRequest metrics = post.metrics();
    ResourceMetrics rm = metrics.getResourceMetrics(0);
    Map<String, String> resource = strings(rm.getResource().getAttributesList());
    assertThat(resource)
        .containsEntry("service.name", "tollgate")
        .containsEntry("deployment.environment.name", "test");

    // Only Tollgate's instruments: the SDK's self-telemetry is dropped.
    assertThat(names(metrics))
        .containsExactlyInAnyOrder(
            "gen_ai.client.token.usage",
            "gen_ai.client.operation.duration",
            "tollgate.token.usage",
            "tollgate.cost",
            "tollgate.requests");

    Metric tokens = metric(metrics, "gen_ai.client.token.usage");
    assertThat(tokens.getUnit()).isEqualTo("{token}");
    assertThat(tokens.getHistogram().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    HistogramDataPoint input = histogramPoint(tokens, a -> "input".equals(a.get(TYPE)));
    HistogramDataPoint output = histogramPoint(tokens, a -> "output".equals(a.get(TYPE)));
    assertThat(input.getSum()).isEqualTo(1100.0);
    assertThat(input.getCount()).isEqualTo(2);
    assertThat(output.getSum()).isEqualTo(320.0);
    assertThat(output.getCount()).isEqualTo(2);
    assertThat(input.getExplicitBoundsList()).isEqualTo(GenAiInstruments.TOKEN_BUCKETS);
    assertThat(strings(input.getAttributesList()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "gen_ai.token.type", "input",
                "gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "azure.ai.openai",
                "gen_ai.request.model", "gpt-4o",
                "gen_ai.response.model", "gpt-4o-2024-11-20"));
    assertThat(tokens.getHistogram().getDataPointsCount()).isEqualTo(2);

    Metric duration = metric(metrics, "gen_ai.client.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    HistogramDataPoint ok = histogramPoint(duration, a -> !a.containsKey("error.type"));
    assertThat(ok.getCount()).isEqualTo(2);
    assertThat(ok.getSum()).isCloseTo(1.2 + 3.4, within());
    assertThat(ok.getExplicitBoundsList()).isEqualTo(GenAiInstruments.DURATION_BUCKETS);
    HistogramDataPoint throttled =
        histogramPoint(duration, a -> "rate_limited".equals(a.get("error.type")));
    assertThat(throttled.getCount()).isEqualTo(1);
    assertThat(throttled.getSum()).isCloseTo(0.035, within());

    Metric requests = metric(metrics, "tollgate.requests");
    assertThat(requests.getSum().getIsMonotonic()).isTrue();
    assertThat(sumPoint(requests, a -> !a.containsKey("error.type")).getAsInt()).isEqualTo(2);
    NumberDataPoint limited = sumPoint(requests, a -> "rate_limited".equals(a.get("error.type")));
    assertThat(limited.getAsInt()).isEqualTo(1);
    assertThat(strings(limited.getAttributesList()))
        .containsEntry("tollgate.cost.status", "no_usage");

    Metric typed = metric(metrics, "tollgate.token.usage");
    assertThat(sumPoint(typed, a -> "cached_input".equals(a.get(TYPE))).getAsInt()).isEqualTo(256);
    assertThat(sumPoint(typed, a -> "input".equals(a.get(TYPE))).getAsInt()).isEqualTo(1100);
    assertThat(sumPoint(typed, a -> "output".equals(a.get(TYPE))).getAsInt()).isEqualTo(320);

    Metric cost = metric(metrics, "tollgate.cost");
    assertThat(cost.getUnit()).isEqualTo("USD");
    assertThat(cost.getSum().getDataPoints(0).getAsDouble())
        .isCloseTo(stats.costUsd().doubleValue(), within());

    // Bounded cardinality: no ids, callers or addresses on any metric of ours.
    for (Metric m : ours(metrics)) {
      for (List<KeyValue> attrs : attributeSets(m)) {
        assertThat(strings(attrs).keySet())
            .doesNotContain(
                "tollgate.item_id", "correlation_id", "apim.subscription_id", "client.address");
      }
    }

    List<LogRecord> logs = logRecords(receiver.accepted("/v1/logs"));
    assertThat(logs).hasSize(3);
    Map<String, LogRecord> byItem =
        logs.stream()
            .collect(
                Collectors.toMap(
                    l -> strings(l.getAttributesList()).get("tollgate.item_id"), l -> l));
    assertThat(byItem.keySet())
        .containsExactlyInAnyOrder(
            "req:" + ID1.toLowerCase(java.util.Locale.ROOT), "req:" + ID2, "req:" + ID3);

    LogRecord first = byItem.get("req:" + ID1.toLowerCase(java.util.Locale.ROOT));
    assertThat(first.getEventName()).isEqualTo("LlmRequest");
    assertThat(first.getTimeUnixNano()).isEqualTo(nanos(T1));
    assertThat(first.getObservedTimeUnixNano()).isGreaterThan(first.getTimeUnixNano());
    Map<String, AnyValue> a1 = values(first.getAttributesList());
    assertThat(a1.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(100);
    assertThat(a1.get("gen_ai.usage.output_tokens").getIntValue()).isEqualTo(20);
    assertThat(a1.get("gen_ai.response.model").getStringValue()).isEqualTo("gpt-4o-2024-11-20");
    assertThat(a1.get("apim.subscription_id").getStringValue()).isEqualTo("team-a");
    assertThat(a1.get("tollgate.cost.usd").getDoubleValue()).isPositive();
    assertThat(a1.get("tollgate.llm").getBoolValue()).isTrue();
    assertThat(a1.get("time").getStringValue()).isEqualTo(Instant.parse(T1).toString());
    assertThat(a1).doesNotContainKey("error.type");

    LogRecord third = byItem.get("req:" + ID3);
    assertThat(third.getTimeUnixNano()).isEqualTo(nanos(T3));
    assertThat(third.getSeverityText()).isEqualTo("WARN");
    assertThat(values(third.getAttributesList()).get("error.type").getStringValue())
        .isEqualTo("rate_limited");
    assertThat(byItem.get("req:" + ID2).getTimeUnixNano()).isEqualTo(nanos(T2));
  }

  @Test
  void unavailableReceiverMakesFlushThrow() throws Exception {
    receiver.answer(503);
    try (OtlpSink sink = OtlpSink.builder().configuration(fastFailing()).build()) {
      Run run = PIPELINE.start(sink);
      run.accept(EventBody.ofText(threeCalls(), "test"));
      assertThatThrownBy(run::close)
          .isInstanceOf(OtlpExportException.class)
          .hasMessageContaining("metrics export failed")
          .hasMessageContaining("3 log records failed to export");
    }
    assertThat(receiver.all()).extracting(OtlpReceiver.Received::path).contains("/v1/metrics");
    assertThat(receiver.all()).extracting(OtlpReceiver.Received::path).contains("/v1/logs");
  }

  @Test
  void retryAfterFailedFlushCountsOnceWithCumulativeTemporality() throws Exception {
    try (OtlpSink sink = OtlpSink.builder().configuration(fastFailing()).build()) {
      receiver.answer(503);
      assertThatThrownBy(() -> runOnce(sink, threeCalls())).isInstanceOf(OtlpExportException.class);

      receiver.answer(200);
      runOnce(sink, threeCalls());
      Metric tokens = metric(lastMetrics(), "gen_ai.client.token.usage");
      assertThat(histogramPoint(tokens, a -> "input".equals(a.get(TYPE))).getSum())
          .isEqualTo(1100.0);
      assertThat(logRecords(receiver.accepted("/v1/logs"))).hasSize(3);

      // New calls still count.
      runOnce(
          sink, body(call("6f1c2b7e-0004-4c1a-9d55-1a2b3c4d5e04", T3, 200, 900, 850, 50, 5, 0)));
      tokens = metric(lastMetrics(), "gen_ai.client.token.usage");
      assertThat(histogramPoint(tokens, a -> "input".equals(a.get(TYPE))).getSum())
          .isEqualTo(1150.0);
    }
  }

  @Test
  void retryAfterFailedFlushCountsOnceWithDeltaTemporality() throws Exception {
    Map<String, String> env = new HashMap<>(fastFailing());
    env.put("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta");
    try (OtlpSink sink = OtlpSink.builder().configuration(env).build()) {
      receiver.answer(503);
      assertThatThrownBy(() -> runOnce(sink, threeCalls())).isInstanceOf(OtlpExportException.class);

      receiver.answer(200);
      runOnce(sink, threeCalls());
      double input = 0;
      for (OtlpReceiver.Received r : receiver.accepted("/v1/metrics")) {
        Metric tokens = metric(r.metrics(), "gen_ai.client.token.usage");
        assertThat(tokens.getHistogram().getAggregationTemporality())
            .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        input += histogramPoint(tokens, a -> "input".equals(a.get(TYPE))).getSum();
      }
      assertThat(input).isEqualTo(1100.0);
    }
  }

  @Test
  void logRecordsAreNotDroppedWhenTheBatchQueueIsSmall() throws Exception {
    Map<String, String> env = new HashMap<>(fastFailing());
    env.put("OTEL_BLRP_MAX_QUEUE_SIZE", "8");
    env.put("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", "4");
    ArrayNode many = JSON.createArrayNode();
    for (int i = 0; i < 60; i++) {
      many.add(
          call(String.format("6f1c2b7e-1%03d-4c1a-9d55-1a2b3c4d5e00", i), T1, 200, 10, 9, 1, 1, 0));
    }
    try (OtlpSink sink = OtlpSink.builder().configuration(env).build()) {
      runOnce(sink, body(many));
    }
    assertThat(logRecords(receiver.accepted("/v1/logs"))).hasSize(60);
  }

  @Test
  void builderSettingsReachTheWireAndDeadLettersAreCounted() throws Exception {
    try (OtlpSink sink =
        OtlpSink.builder()
            .endpoint(receiver.endpoint())
            .header("X-Scope-OrgID", "team a")
            .serviceName("tollgate-prod")
            .flushTimeout(java.time.Duration.ofSeconds(10))
            .build()) {
      Run run = PIPELINE.start(sink);
      run.accept(EventBody.ofText(body(call(ID1, T1, 200, 1200, 1150, 100, 20, 0)), "test"));
      run.accept(EventBody.ofText("{\"records\":[{\"time\":", "test"));
      run.close();
      assertThat(run.stats().deadLetterCount()).isEqualTo(1);
    }
    OtlpReceiver.Received post = receiver.accepted("/v1/metrics").get(0);
    assertThat(post.header("X-Scope-OrgID")).isEqualTo("team a");
    ExportMetricsServiceRequest metrics = post.metrics();
    assertThat(strings(metrics.getResourceMetrics(0).getResource().getAttributesList()))
        .containsEntry("service.name", "tollgate-prod");
    NumberDataPoint dead = metric(metrics, "tollgate.dead_letters").getSum().getDataPoints(0);
    assertThat(dead.getAsInt()).isEqualTo(1);
    assertThat(strings(dead.getAttributesList()).get("tollgate.dead_letter.reason")).isNotBlank();
    assertThat(logRecords(receiver.accepted("/v1/logs"))).hasSize(1);
  }

  @Test
  void noEndpointNoSink() {
    assertThat(OtlpSettings.sink(Map.of())).isEmpty();
    assertThat(OtlpSettings.sink(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEmpty();
    Optional<OtlpSink> disabled =
        OtlpSettings.sink(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1", "OTEL_SDK_DISABLED", "true"));
    assertThat(disabled).isEmpty();
    assertThatThrownBy(() -> OtlpSink.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsKeysAndHeaders() {
    assertThat(OtlpSink.Builder.propertyKey("OTEL_EXPORTER_OTLP_ENDPOINT"))
        .isEqualTo("otel.exporter.otlp.endpoint");
    assertThat(OtlpSink.Builder.propertyKey("otel.service.name")).isEqualTo("otel.service.name");
    assertThat(OtlpSink.Builder.propertyKey("AzureWebJobsStorage")).isNull();
    assertThat(OtlpSink.Builder.withHeaders("a=1", Map.of("Authorization", "ApiKey x,y=")))
        .isEqualTo("a=1,Authorization=ApiKey+x%2Cy%3D");
  }

  // --- runs -----------------------------------------------------------------------------------

  private static final String TYPE = "gen_ai.token.type";

  private static RunStats runOnce(OtlpSink sink, String body) {
    Run run = PIPELINE.start(sink);
    run.accept(EventBody.ofText(body, "test"));
    run.close();
    return run.stats();
  }

  private Map<String, String> fastFailing() {
    return Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "true",
        "OTEL_EXPORTER_OTLP_TIMEOUT", "5000");
  }

  private ExportMetricsServiceRequest lastMetrics() {
    List<OtlpReceiver.Received> posts = receiver.accepted("/v1/metrics");
    assertThat(posts).isNotEmpty();
    return posts.get(posts.size() - 1).metrics();
  }

  // --- APIM records ---------------------------------------------------------------------------

  /** Two priced gpt-4o calls (one with cached input) and one throttled call without usage. */
  private static String threeCalls() {
    ArrayNode records = JSON.createArrayNode();
    records.add(call(ID1, T1, 200, 1200, 1150, 100, 20, 0));
    records.add(call(ID2, T2, 200, 3400, 3300, 1000, 300, 256));
    ObjectNode throttled = call(ID3, T3, 429, 35, 30, 0, 0, 0);
    ObjectNode p = (ObjectNode) throttled.get("properties");
    p.put("backendResponseCode", 429);
    p.put(
        "responseBody",
        "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create"
            + " Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit"
            + " of your current AIServices S0 pricing tier.\"}}");
    records.add(throttled);
    return body(records);
  }

  private static String body(ArrayNode records) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set("records", records);
    return envelope.toString();
  }

  private static String body(ObjectNode record) {
    ArrayNode records = JSON.createArrayNode();
    records.add(record);
    return body(records);
  }

  /** A GatewayLogs record as diagnostic settings stream it to Event Hubs. */
  private static ObjectNode call(
      String correlationId,
      String time,
      int status,
      long durationMs,
      long backendMs,
      int promptTokens,
      int completionTokens,
      int cachedTokens) {
    ObjectNode r = JSON.createObjectNode();
    r.put("time", time);
    r.put(
        "resourceId",
        "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG-AI/PROVIDERS"
            + "/MICROSOFT.APIMANAGEMENT/SERVICE/APIM");
    r.put("operationName", "Microsoft.ApiManagement/GatewayLogs");
    r.put("category", "GatewayLogs");
    r.put("durationMs", durationMs);
    r.put("callerIpAddress", "203.0.113.7");
    r.put("correlationId", correlationId);
    r.put("location", "Sweden Central");
    ObjectNode p = r.putObject("properties");
    p.put("method", "POST");
    p.put("url", URL);
    p.put("backendResponseCode", status);
    p.put("responseCode", status);
    p.put("responseSize", 1024);
    p.put("cache", "none");
    p.put("backendTime", backendMs);
    p.put("requestSize", 512);
    p.put("apiId", "azure-openai");
    p.put("operationId", "ChatCompletions_Create");
    p.put("apimSubscriptionId", "team-a");
    p.put("clientProtocol", "HTTP/1.1");
    p.put("backendProtocol", "HTTP/1.1");
    p.put("apiRevision", "1");
    p.put("backendMethod", "POST");
    p.put(
        "backendUrl",
        "https://aoai-swc.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
            + "?api-version=2024-10-21");
    ObjectNode response = JSON.createObjectNode();
    response.put("id", "chatcmpl-" + correlationId.substring(0, 8));
    response.put("object", "chat.completion");
    response.put("created", 1748852130);
    response.put("model", "gpt-4o-2024-11-20");
    ObjectNode choice = response.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", "Hello.");
    ObjectNode usage = response.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    // APIM logs the body as a JSON string, not as an object.
    p.put("responseBody", response.toString());
    return r;
  }

  // --- OTLP decoding helpers ------------------------------------------------------------------

  private static List<Metric> ours(ExportMetricsServiceRequest req) {
    return req.getResourceMetricsList().stream()
        .flatMap(rm -> rm.getScopeMetricsList().stream())
        .filter(sm -> OtlpSink.SCOPE.equals(sm.getScope().getName()))
        .flatMap(sm -> sm.getMetricsList().stream())
        .toList();
  }

  private static Metric metric(ExportMetricsServiceRequest req, String name) {
    List<Metric> found = ours(req).stream().filter(m -> m.getName().equals(name)).toList();
    assertThat(found).as("metric %s in %s", name, names(req)).hasSize(1);
    return found.get(0);
  }

  private static List<String> names(ExportMetricsServiceRequest req) {
    return req.getResourceMetricsList().stream()
        .flatMap(rm -> rm.getScopeMetricsList().stream())
        .map(ScopeMetrics::getMetricsList)
        .flatMap(List::stream)
        .map(Metric::getName)
        .toList();
  }

  private static HistogramDataPoint histogramPoint(Metric m, Predicate<Map<String, String>> where) {
    List<HistogramDataPoint> found =
        m.getHistogram().getDataPointsList().stream()
            .filter(p -> where.test(strings(p.getAttributesList())))
            .toList();
    assertThat(found).as("points of %s", m.getName()).hasSize(1);
    return found.get(0);
  }

  private static NumberDataPoint sumPoint(Metric m, Predicate<Map<String, String>> where) {
    List<NumberDataPoint> found =
        m.getSum().getDataPointsList().stream()
            .filter(p -> where.test(strings(p.getAttributesList())))
            .toList();
    assertThat(found).as("points of %s", m.getName()).hasSize(1);
    return found.get(0);
  }

  private static List<List<KeyValue>> attributeSets(Metric m) {
    if (m.hasHistogram()) {
      return m.getHistogram().getDataPointsList().stream()
          .map(HistogramDataPoint::getAttributesList)
          .toList();
    }
    return m.getSum().getDataPointsList().stream().map(NumberDataPoint::getAttributesList).toList();
  }

  private static List<LogRecord> logRecords(List<OtlpReceiver.Received> posts) {
    return posts.stream()
        .map(OtlpReceiver.Received::logs)
        .flatMap((ExportLogsServiceRequest r) -> r.getResourceLogsList().stream())
        .flatMap(rl -> rl.getScopeLogsList().stream())
        .filter(sl -> OtlpSink.SCOPE.equals(sl.getScope().getName()))
        .flatMap(sl -> sl.getLogRecordsList().stream())
        .toList();
  }

  private static Map<String, String> strings(List<KeyValue> attrs) {
    Map<String, String> m = new HashMap<>();
    attrs.forEach(kv -> m.put(kv.getKey(), kv.getValue().getStringValue()));
    return m;
  }

  private static Map<String, AnyValue> values(List<KeyValue> attrs) {
    Map<String, AnyValue> m = new HashMap<>();
    attrs.forEach(kv -> m.put(kv.getKey(), kv.getValue()));
    return m;
  }

  private static long nanos(String time) {
    Instant i = Instant.parse(time);
    return TimeUnit.SECONDS.toNanos(i.getEpochSecond()) + i.getNano();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
