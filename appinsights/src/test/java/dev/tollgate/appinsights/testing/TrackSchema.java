package dev.tollgate.appinsights.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Application Insights track API's data model as a JSON Schema, built from Microsoft's swagger
 * ({@code Monitor.Exporters/v2.1/swagger.json}, copied into the test resources).
 *
 * <p>The swagger {@code definitions} become draft-4 JSON Schema {@code definitions} (vendor
 * extensions removed, {@code format: int32} as an {@code integer} in the int32 range, {@code
 * x-nullable} as an added {@code null} type; the {@code #/definitions/...} references and the
 * {@code allOf}/{@code Domain} composition stay as they are). An envelope is checked in two steps,
 * both with networknt json-schema-validator:
 *
 * <ol>
 *   <li>against {@code TelemetryEnvelope}, plus: {@code data} present with {@code baseType} {@code
 *       EventData} or {@code MetricData} and a {@code baseData} object (Tollgate sends only these
 *       two; the real service accepts the other telemetry types too);
 *   <li>{@code data.baseData} against {@code EventData} or {@code MetricsData}, by {@code
 *       baseType}.
 * </ol>
 *
 * <p>Validation is serialized (one envelope at a time per JVM), which keeps the validator's lazy
 * initialization safe when several servers or threads validate at once.
 *
 * <p>{@code time} ({@code format: date-time}) is checked here by parsing, not by the validator's
 * strict RFC 3339 check: Microsoft's own example sends {@code 2020-09-22T10:12:53.208-0700} (an
 * offset without a colon), which the service accepts.
 */
public final class TrackSchema {
  public static final String SWAGGER_RESOURCE =
      "reference/azure-rest-api-specs/applicationinsights/Monitor.Exporters/v2.1/swagger.json";
  public static final String TRACK_EXAMPLE_RESOURCE =
      "reference/azure-rest-api-specs/applicationinsights/Monitor.Exporters/2020-09-15_Preview/track.json";

  static final String DRAFT_4 = "http://json-schema.org/draft-04/schema#";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** ISO 8601 with a zone: {@code Z}, {@code +hh:mm} or {@code +hhmm}; any number of decimals. */
  private static final DateTimeFormatter ENVELOPE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private static volatile TrackSchema instance;

  private final ObjectNode definitions;
  private final ObjectNode envelopeSchemaDocument;
  private final Schema envelope;
  private final Schema eventData;
  private final Schema metricsData;
  private final Schema trackResponse;

  private TrackSchema(JsonNode swagger) {
    JsonNode swaggerDefinitions = swagger.path("definitions");
    if (!swaggerDefinitions.isObject()) {
      throw new IllegalStateException("swagger has no definitions");
    }
    this.definitions = (ObjectNode) convert(swaggerDefinitions, true);
    this.envelopeSchemaDocument = envelopeDocument(definitions);
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    this.envelope = registry.getSchema(envelopeSchemaDocument.toString());
    this.eventData = registry.getSchema(documentFor(definitions, "EventData").toString());
    this.metricsData = registry.getSchema(documentFor(definitions, "MetricsData").toString());
    this.trackResponse = registry.getSchema(documentFor(definitions, "TrackResponse").toString());
  }

  /** The schema built from the swagger in the test resources (built once, then shared). */
  public static TrackSchema load() {
    TrackSchema local = instance;
    if (local == null) {
      synchronized (TrackSchema.class) {
        local = instance;
        if (local == null) {
          local = new TrackSchema(readResource(SWAGGER_RESOURCE));
          instance = local;
        }
      }
    }
    return local;
  }

  /** The swagger definitions converted to JSON Schema (a copy). */
  public ObjectNode definitions() {
    return definitions.deepCopy();
  }

  /** The JSON Schema document an envelope is first validated against (a copy). */
  public ObjectNode envelopeSchemaDocument() {
    return envelopeSchemaDocument.deepCopy();
  }

  /**
   * Problems with one envelope, each as a readable message; empty when the envelope is valid.
   * Schema problems of the envelope come first; {@code baseData} is checked only when the envelope
   * itself is valid.
   */
  public synchronized List<String> validateEnvelope(JsonNode envelopeNode) {
    List<String> problems =
        messages("", envelope.validate(envelopeNode.toString(), InputFormat.JSON));
    if (!problems.isEmpty()) {
      return problems;
    }
    JsonNode time = envelopeNode.get("time");
    if (!isEnvelopeTime(time.asText())) {
      problems.add(
          "/time: '" + time.asText() + "' is not an ISO 8601 date-time with a time zone offset");
    }
    JsonNode data = envelopeNode.get("data");
    String baseType = data.get("baseType").asText();
    Schema domain = "EventData".equals(baseType) ? eventData : metricsData;
    String baseData = data.get("baseData").toString();
    problems.addAll(messages("/data/baseData", domain.validate(baseData, InputFormat.JSON)));
    return problems;
  }

  /** Problems of a response body against the swagger's {@code TrackResponse}; empty if valid. */
  public synchronized List<String> validateTrackResponse(JsonNode body) {
    return messages("", trackResponse.validate(body.toString(), InputFormat.JSON));
  }

  /** Whether an envelope's {@code time} parses as the service reads it. */
  static boolean isEnvelopeTime(String text) {
    try {
      OffsetDateTime.parse(text, ENVELOPE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Parses the envelope time (see {@link #isEnvelopeTime}); throws if it does not parse. */
  static OffsetDateTime parseEnvelopeTime(String text) {
    return OffsetDateTime.parse(text, ENVELOPE_TIME);
  }

  /** "JSON pointer of the offending value: message", the pointer relative to the envelope. */
  private static List<String> messages(String pointerPrefix, List<Error> errors) {
    List<String> out = new ArrayList<>(errors.size());
    for (Error error : errors) {
      String pointer = pointerPrefix + error.getInstanceLocation();
      out.add((pointer.isEmpty() ? "/" : pointer) + ": " + error.getMessage());
    }
    return out;
  }

  private static ObjectNode envelopeDocument(ObjectNode definitions) {
    ObjectNode doc = NODES.objectNode();
    doc.put("$schema", DRAFT_4);
    doc.put(
        "description",
        "Application Insights track API envelope (TelemetryEnvelope) carrying EventData or"
            + " MetricData; converted from Monitor.Exporters v2.1 swagger.json");
    doc.set("definitions", definitions.deepCopy());
    ArrayNode allOf = doc.putArray("allOf");
    allOf.addObject().put("$ref", "#/definitions/TelemetryEnvelope");
    ObjectNode dataRule = allOf.addObject();
    dataRule.put("type", "object");
    dataRule.putArray("required").add("data");
    ObjectNode data = dataRule.putObject("properties").putObject("data");
    data.put("type", "object");
    data.putArray("required").add("baseType").add("baseData");
    ObjectNode dataProperties = data.putObject("properties");
    dataProperties.putObject("baseType").putArray("enum").add("EventData").add("MetricData");
    dataProperties.putObject("baseData").put("type", "object");
    return doc;
  }

  private static ObjectNode documentFor(ObjectNode definitions, String name) {
    if (!definitions.has(name)) {
      throw new IllegalStateException("swagger has no definition " + name);
    }
    ObjectNode doc = NODES.objectNode();
    doc.put("$schema", DRAFT_4);
    doc.set("definitions", definitions.deepCopy());
    doc.putArray("allOf").addObject().put("$ref", "#/definitions/" + name);
    return doc;
  }

  /**
   * Swagger 2.0 schema object to draft-4 JSON Schema. {@code namesAreKeys} is true for maps whose
   * keys are names (definitions, properties), not keywords.
   */
  private static JsonNode convert(JsonNode node, boolean namesAreKeys) {
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(element -> out.add(convert(element, false)));
      return out;
    }
    if (!node.isObject()) {
      return node.deepCopy();
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (namesAreKeys) {
        out.set(key, convert(value, false));
        continue;
      }
      if (key.startsWith("x-") || key.equals("format") || key.equals("discriminator")) {
        continue;
      }
      boolean childNamesAreKeys = key.equals("properties") || key.equals("definitions");
      out.set(key, convert(value, childNamesAreKeys));
    }
    if (namesAreKeys) {
      return out;
    }
    String format = node.path("format").asText("");
    String type = node.path("type").asText("");
    if (format.equals("int32") && (type.equals("number") || type.equals("integer"))) {
      out.put("type", "integer");
      out.put("minimum", Integer.MIN_VALUE);
      out.put("maximum", Integer.MAX_VALUE);
    }
    if (node.path("x-nullable").asBoolean(false) && out.has("type")) {
      ArrayNode types = NODES.arrayNode();
      types.add(out.get("type").asText());
      types.add("null");
      out.set("type", types);
    }
    return out;
  }

  static JsonNode readResource(String path) {
    try (InputStream in = TrackSchema.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is missing");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
