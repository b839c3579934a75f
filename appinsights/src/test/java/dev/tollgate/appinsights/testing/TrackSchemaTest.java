package dev.tollgate.appinsights.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackSchemaTest {
  private final TrackSchema schema = TrackSchema.load();
  private final JsonNode example = TrackSchema.readResource(TrackSchema.TRACK_EXAMPLE_RESOURCE);

  private ObjectNode exampleEnvelope() {
    return (ObjectNode) example.path("parameters").path("body").get(0).deepCopy();
  }

  @Test
  void swaggerDefinitionsBecomeDraft4Schema() {
    ObjectNode definitions = schema.definitions();
    assertThat(definitions.fieldNames())
        .toIterable()
        .contains("TelemetryEnvelope", "Domain", "EventData", "MetricsData", "TrackResponse");
    // vendor extensions gone, int32 as integer, $ref and allOf kept
    assertThat(definitions.toString()).doesNotContain("x-ms-").doesNotContain("x-nullable");
    assertThat(definitions.at("/TelemetryEnvelope/properties/ver/type").asText())
        .isEqualTo("integer");
    assertThat(definitions.at("/EventData/allOf/0/$ref").asText())
        .isEqualTo("#/definitions/Domain");
    assertThat(definitions.at("/DataPoint/properties/count/type").toString())
        .isEqualTo("[\"integer\",\"null\"]");
    assertThat(schema.envelopeSchemaDocument().path("$schema").asText())
        .isEqualTo(TrackSchema.DRAFT_4);
  }

  @Test
  void everyEnvelopeOfTheTrackExampleIsValid() {
    JsonNode body = example.path("parameters").path("body");
    assertThat(body.size()).isEqualTo(7);
    for (JsonNode envelope : body) {
      assertThat(schema.validateEnvelope(envelope)).isEmpty();
    }
  }

  @Test
  void everyResponseOfTheTrackExampleIsATrackResponse() {
    example
        .path("responses")
        .forEach(
            response -> assertThat(schema.validateTrackResponse(response.path("body"))).isEmpty());
    ObjectNode wrong = JsonNodeFactory.instance.objectNode();
    wrong.put("itemsReceived", "seven");
    wrong.putArray("errors").addObject().put("index", 1.5);
    assertThat(schema.validateTrackResponse(wrong))
        .anySatisfy(problem -> assertThat(problem).startsWith("/itemsReceived"))
        .anySatisfy(problem -> assertThat(problem).startsWith("/errors/0/index"));
  }

  @Test
  void rejectsAnEnvelopeWithoutTime() {
    ObjectNode envelope = exampleEnvelope();
    envelope.remove("time");
    assertThat(schema.validateEnvelope(envelope))
        .singleElement()
        .asString()
        .contains("time")
        .contains("required");
  }

  @Test
  void rejectsWrongTypes() {
    ObjectNode envelope = exampleEnvelope();
    envelope.put("time", 1600794773208L);
    envelope.put("ver", "1");
    assertThat(schema.validateEnvelope(envelope))
        .anySatisfy(problem -> assertThat(problem).startsWith("/time:").contains("string"))
        .anySatisfy(problem -> assertThat(problem).startsWith("/ver:").contains("integer"));

    ObjectNode properties = exampleEnvelope();
    ((ObjectNode) properties.at("/data/baseData/properties")).put("tokens", 12);
    assertThat(schema.validateEnvelope(properties))
        .singleElement()
        .asString()
        .startsWith("/data/baseData/properties/tokens:");
  }

  @Test
  void checksTheTimeAsTheServiceReadsIt() {
    ObjectNode envelope = exampleEnvelope();
    envelope.put("time", "yesterday");
    assertThat(schema.validateEnvelope(envelope)).singleElement().asString().startsWith("/time:");
    assertThat(TrackSchema.isEnvelopeTime("2020-09-22T10:12:53.208-0700")).isTrue();
    assertThat(TrackSchema.isEnvelopeTime("2025-01-01T00:00:00Z")).isTrue();
    assertThat(TrackSchema.isEnvelopeTime("2009-06-15T13:45:30.0000000Z")).isTrue();
    assertThat(TrackSchema.isEnvelopeTime("2025-01-01T00:00:00+02:00")).isTrue();
    assertThat(TrackSchema.isEnvelopeTime("2025-01-01 00:00:00")).isFalse();
    assertThat(TrackSchema.isEnvelopeTime("2025-01-01T00:00:00")).isFalse();
  }

  @Test
  void onlyEventDataAndMetricDataAreAccepted() {
    ObjectNode envelope = exampleEnvelope();
    ((ObjectNode) envelope.get("data")).put("baseType", "RequestData");
    assertThat(schema.validateEnvelope(envelope))
        .singleElement()
        .asString()
        .startsWith("/data/baseType:");

    ObjectNode noData = exampleEnvelope();
    noData.remove("data");
    assertThat(schema.validateEnvelope(noData)).singleElement().asString().contains("data");
  }

  @Test
  void baseDataIsValidatedByItsBaseType() {
    ObjectNode event = exampleEnvelope();
    ((ObjectNode) event.at("/data/baseData")).remove("name");
    assertThat(schema.validateEnvelope(event))
        .singleElement()
        .asString()
        .startsWith("/data/baseData:")
        .contains("name");

    ObjectNode missingVer = exampleEnvelope();
    ((ObjectNode) missingVer.at("/data/baseData")).remove("ver");
    assertThat(schema.validateEnvelope(missingVer)).singleElement().asString().contains("ver");

    // an EventData body sent as MetricData lacks metrics
    ObjectNode asMetric = exampleEnvelope();
    ((ObjectNode) asMetric.get("data")).put("baseType", "MetricData");
    assertThat(schema.validateEnvelope(asMetric)).singleElement().asString().contains("metrics");
  }

  @Test
  void metricEnvelopes() {
    ObjectNode metric = Envelopes.metric("m-1", "gen_ai.client.token.usage", 120.0, 3);
    assertThat(schema.validateEnvelope(metric)).isEmpty();

    ObjectNode nullable = metric.deepCopy();
    ((ObjectNode) nullable.at("/data/baseData/metrics/0")).putNull("stdDev");
    assertThat(schema.validateEnvelope(nullable)).isEmpty();

    ObjectNode fractionalCount = metric.deepCopy();
    ((ObjectNode) fractionalCount.at("/data/baseData/metrics/0")).put("count", 2.5);
    assertThat(schema.validateEnvelope(fractionalCount))
        .singleElement()
        .asString()
        .startsWith("/data/baseData/metrics/0/count:");

    ObjectNode noValue = metric.deepCopy();
    ((ObjectNode) noValue.at("/data/baseData/metrics/0")).remove("value");
    assertThat(schema.validateEnvelope(noValue)).singleElement().asString().contains("value");

    ObjectNode longNamespace = metric.deepCopy();
    ((ObjectNode) longNamespace.at("/data/baseData/metrics/0")).put("ns", "n".repeat(257));
    assertThat(schema.validateEnvelope(longNamespace))
        .singleElement()
        .asString()
        .startsWith("/data/baseData/metrics/0/ns:");

    ObjectNode kind = metric.deepCopy();
    ((ObjectNode) kind.at("/data/baseData/metrics/0")).put("kind", "Sum");
    assertThat(schema.validateEnvelope(kind)).singleElement().asString().contains("kind");
  }

  @Test
  void eventEnvelopesOfTheTestHelperAreValid() {
    assertThat(schema.validateEnvelope(Envelopes.event("e-1", Map.of("a", "b")))).isEmpty();
  }
}
