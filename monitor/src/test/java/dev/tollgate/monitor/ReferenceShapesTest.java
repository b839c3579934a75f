package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.monitor.testing.LocalAzure;
import dev.tollgate.monitor.testing.LocalTls;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's examples through the real {@code MetricsClient}, and the local stand-in's answers
 * checked against their shapes.
 */
class ReferenceShapesTest {
  static final String ID =
      "/subscriptions/12345678-abcd-1234-abcd-123456789abc/resourceGroups/TestGroup/providers/"
          + "Microsoft.CognitiveServices/accounts/aoai";

  LocalAzure azure;

  @BeforeEach
  void start() throws Exception {
    azure = LocalAzure.start();
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  static JsonNode reference(String file) throws Exception {
    try (InputStream in = ReferenceShapesTest.class.getResourceAsStream("/reference/" + file)) {
      return Json.MAPPER.readTree(in);
    }
  }

  AzureMonitorMetrics client() {
    return new AzureMonitorMetrics(
        azure.endpoint(), LocalTls.CREDENTIAL, LocalTls.get().httpClient(), 0, Duration.ZERO, 100);
  }

  static PlatformMetricsSource.BatchQuery query(List<String> ids, List<String> metrics) {
    return new PlatformMetricsSource.BatchQuery(
        "12345678-abcd-1234-abcd-123456789abc",
        "eastus",
        "Microsoft.Storage/storageAccounts",
        ids,
        metrics,
        Instant.parse("2023-02-01T20:00:00Z"),
        Instant.parse("2023-02-01T23:00:00Z"),
        null);
  }

  @Test
  void theBatchExampleParses_nullAggregatesGiveNoPoints() throws Exception {
    JsonNode example = reference("MetricBatchExample.json");
    azure.answerNextBatch(example.at("/responses/200/body"));
    List<String> ids =
        List.of(
            example.at("/parameters/batchRequest/resourceids/0").asText(),
            example.at("/parameters/batchRequest/resourceids/1").asText());

    List<PlatformMetricsSource.Result> results =
        client().query(query(ids, List.of("Ingress", "Egress")));

    assertThat(results).hasSize(4).allMatch(PlatformMetricsSource.Result::ok);
    assertThat(results)
        .extracting(PlatformMetricsSource.Result::resourceId)
        .containsOnlyElementsOf(ids);
    PlatformMetricsSource.Result ingress = results.get(0);
    assertThat(ingress.metric()).isEqualTo("Ingress");
    assertThat(ingress.series().get(0).dimensions()).containsEntry("apiname", "GetBlob");
    PlatformMetricsSource.Series first = ingress.series().get(0);
    // The example's second series has points with only a timeStamp: null aggregates.
    assertThat(ingress.series().get(1).points())
        .anySatisfy(p -> assertThat(p.total()).isNull())
        .anySatisfy(p -> assertThat(p.average()).isNull());
    MetricInfo averaged = new MetricInfo("Ingress", java.util.Set.of("ApiName"), "Average");
    var points =
        PlatformMetrics.points(
            ingress,
            averaged,
            Instant.parse("2023-02-01T20:00:00Z"),
            Instant.parse("2023-02-01T23:00:00Z"));
    long withData =
        ingress.series().stream()
            .flatMap(s -> s.points().stream())
            .filter(p -> p.average() != null)
            .count();
    assertThat(points).hasSize((int) withData);
    assertThat(first.points()).isNotEmpty();
    // The SDK's request starts with a double slash, which the stand-in accepts.
    assertThat(azure.batchRequests()).hasSize(1);
  }

  @Test
  void aMetricErrorInsideA200IsAFailedResult() throws Exception {
    JsonNode error = reference("GetMetricError.json").at("/responses/200/body/value/0");
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode item = body.putArray("values").addObject();
    item.put("starttime", "2023-02-01T20:00:00Z");
    item.put("endtime", "2023-02-01T23:00:00Z");
    item.put("interval", "PT1M");
    item.putArray("value").add(error);
    item.put("namespace", "microsoft.cognitiveservices/accounts");
    item.put("resourceregion", "eastus");
    azure.answerNextBatch(body);

    List<PlatformMetricsSource.Result> results =
        client().query(query(List.of(ID), List.of("MongoRequestsCount")));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ok()).isFalse();
              assertThat(r.errorCode()).isEqualTo("InvalidSamplingType");
              assertThat(r.errorMessage()).contains("Sampling type is not found");
            });
  }

  @Test
  void theStandInAnswersInTheExamplesShapes() throws Exception {
    azure.account(
        new LocalAzure.AccountSpec(
            ID,
            "eastus",
            "OpenAI",
            Map.of("AzureOpenAIRequests", List.of("ModelDeploymentName", "StatusCode")),
            List.of(
                new LocalAzure.Deployment(
                    "gpt-4o", "gpt-4o", "2024-11-20", "GlobalStandard", 10, List.of("200")))));
    azure.truth((r, m, t, d) -> t.getEpochSecond() % 120 == 0 ? null : 5.0);
    azure.failMetric(ID, "GeneratedTokens", 1);
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.putArray("resourceids").add(ID);
    JsonNode answer =
        azure.batch(
            Map.of(
                "starttime", "2026-01-01T00:00:00Z",
                "endtime", "2026-01-01T00:05:00Z",
                "metricnames", "AzureOpenAIRequests,GeneratedTokens",
                "filter", "ModelDeploymentName eq '*' and StatusCode eq '*'"),
            request);

    TreeSet<String> known = paths(reference("MetricBatchExample.json").at("/responses/200/body"));
    known.addAll(paths(wrap(reference("GetMetricError.json").at("/responses/200/body/value/0"))));
    // The example asked for average, minimum and maximum only; a data point's other aggregates
    // in the same API are total and count.
    known.add("values[].value[].timeseries[].data[].total");
    known.add("values[].value[].timeseries[].data[].count");
    assertThat(paths(answer)).isSubsetOf(known);
    // Null aggregates (a minute with only a timeStamp) are in the answer.
    assertThat(answer.at("/values/0/value/0/timeseries/0/data"))
        .anySatisfy(p -> assertThat(p.has("total")).isFalse())
        .anySatisfy(p -> assertThat(p.has("total")).isTrue());
  }

  private static JsonNode wrap(JsonNode metric) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode values = body.putArray("values");
    values.addObject().putArray("value").add(metric);
    return body;
  }

  /** Field paths with array indices left out, e.g. values[].value[].timeseries[].data[].total. */
  static TreeSet<String> paths(JsonNode n) {
    TreeSet<String> out = new TreeSet<>();
    walk(n, "", out);
    return out;
  }

  private static void walk(JsonNode n, String prefix, TreeSet<String> out) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        out.add(p);
        walk(e.getValue(), p, out);
      }
    } else if (n.isArray()) {
      for (JsonNode c : n) {
        walk(c, prefix + "[]", out);
      }
    }
  }
}
