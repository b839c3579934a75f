package dev.tollgate.appinsights.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/** Envelopes and payloads for tests of the fake ingestion endpoint. */
public final class Envelopes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Envelopes() {}

  /** A custom event (EventData) carrying {@code tollgate.item_id} and the given properties. */
  public static ObjectNode event(String itemId, Map<String, String> properties) {
    ObjectNode envelope = header("Microsoft.ApplicationInsights.Event");
    ObjectNode data = envelope.putObject("data");
    data.put("baseType", "EventData");
    ObjectNode baseData = data.putObject("baseData");
    baseData.put("ver", 2);
    baseData.put("name", "tollgate.usage");
    ObjectNode props = baseData.putObject("properties");
    new TreeMap<>(properties).forEach(props::put);
    props.put(FakeIngestionServer.DEFAULT_ITEM_ID_PROPERTY, itemId);
    baseData.putObject("measurements").put("tokens", 42.0);
    return envelope;
  }

  public static ObjectNode event(String itemId) {
    return event(itemId, Map.of());
  }

  /** A pre-aggregated metric (MetricData) carrying {@code tollgate.item_id}. */
  public static ObjectNode metric(String itemId, String name, double sum, int count) {
    ObjectNode envelope = header("Microsoft.ApplicationInsights.Metric");
    ObjectNode data = envelope.putObject("data");
    data.put("baseType", "MetricData");
    ObjectNode baseData = data.putObject("baseData");
    baseData.put("ver", 2);
    ObjectNode point = baseData.putArray("metrics").addObject();
    point.put("name", name);
    point.put("ns", "tollgate");
    point.put("value", sum);
    point.put("count", count);
    point.put("min", sum / Math.max(count, 1));
    point.put("max", sum);
    point.put("stdDev", 0.0);
    baseData.putObject("properties").put(FakeIngestionServer.DEFAULT_ITEM_ID_PROPERTY, itemId);
    return envelope;
  }

  private static ObjectNode header(String name) {
    ObjectNode envelope = NODES.objectNode();
    envelope.put("ver", 1);
    envelope.put("name", name);
    envelope.put("time", Instant.now().toString());
    envelope.put("iKey", FakeIngestionServer.DEFAULT_INSTRUMENTATION_KEY);
    envelope.putObject("tags").put("ai.cloud.role", "tollgate");
    return envelope;
  }

  /** A JSON array of the envelopes. */
  public static byte[] jsonArray(List<? extends JsonNode> envelopes) {
    ArrayNode array = NODES.arrayNode();
    envelopes.forEach(array::add);
    return array.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Newline-delimited envelopes ({@code x-json-stream}). */
  public static byte[] jsonLines(List<? extends JsonNode> envelopes) {
    return envelopes.stream()
        .map(JsonNode::toString)
        .collect(Collectors.joining("\n", "", "\n"))
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
