package dev.tollgate.appinsights;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.output.FieldVisitor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Writes v2.1 track envelopes ({@code EventData} and {@code MetricData}). Dimensions are strings of
 * at most 8,192 characters, as the schema requires; null values are left out.
 */
final class Envelopes {
  static final int MAX_PROPERTY_CHARS = 8192;
  static final String EVENT = "Microsoft.ApplicationInsights.Event";
  static final String METRIC = "Microsoft.ApplicationInsights.Metric";

  /** Writes the properties of one envelope. */
  interface Properties {
    void write(FieldVisitor v) throws IOException;
  }

  /** A metric data point: value is the sum, as the schema defines for aggregations. */
  record DataPoint(String name, double value, long count, double min, double max, double stdDev) {}

  private final String iKey;
  private final String role;
  private final String roleInstance;

  Envelopes(String iKey, String role, String roleInstance) {
    this.iKey = iKey;
    this.role = role;
    this.roleInstance = roleInstance;
  }

  byte[] event(String name, Instant time, String operationId, double sampleRate, Properties props) {
    return write(
        g -> {
          header(g, EVENT, time, operationId, sampleRate);
          g.writeObjectFieldStart("data");
          g.writeStringField("baseType", "EventData");
          g.writeObjectFieldStart("baseData");
          g.writeNumberField("ver", 2);
          g.writeStringField("name", name);
          properties(g, props);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  byte[] metric(DataPoint p, Instant time, Properties props) {
    return write(
        g -> {
          header(g, METRIC, time, null, 100.0);
          g.writeObjectFieldStart("data");
          g.writeStringField("baseType", "MetricData");
          g.writeObjectFieldStart("baseData");
          g.writeNumberField("ver", 2);
          g.writeArrayFieldStart("metrics");
          g.writeStartObject();
          g.writeStringField("name", p.name());
          g.writeStringField("ns", "Tollgate");
          g.writeNumberField("value", p.value());
          g.writeNumberField("count", p.count());
          g.writeNumberField("min", p.min());
          g.writeNumberField("max", p.max());
          g.writeNumberField("stdDev", p.stdDev());
          g.writeEndObject();
          g.writeEndArray();
          properties(g, props);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private void header(
      JsonGenerator g, String name, Instant time, String operationId, double sampleRate)
      throws IOException {
    g.writeNumberField("ver", 1);
    g.writeStringField("name", name);
    g.writeStringField("time", time.toString());
    if (sampleRate < 100.0) {
      g.writeNumberField("sampleRate", sampleRate);
    }
    g.writeStringField("iKey", iKey);
    g.writeObjectFieldStart("tags");
    g.writeStringField("ai.cloud.role", role);
    if (roleInstance != null) {
      g.writeStringField("ai.cloud.roleInstance", roleInstance);
    }
    if (operationId != null) {
      g.writeStringField("ai.operation.id", operationId);
    }
    g.writeStringField("ai.internal.sdkVersion", "java:tollgate");
    g.writeEndObject();
  }

  private static void properties(JsonGenerator g, Properties props) throws IOException {
    g.writeObjectFieldStart("properties");
    props.write(new PropertyWriter(g));
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Dimensions as strings; lists as JSON arrays; nulls and empty lists left out. */
  private static final class PropertyWriter implements FieldVisitor {
    private final JsonGenerator g;

    PropertyWriter(JsonGenerator g) {
      this.g = g;
    }

    @Override
    public void string(String name, String value) throws IOException {
      if (value != null) {
        g.writeStringField(
            name,
            value.length() > MAX_PROPERTY_CHARS ? value.substring(0, MAX_PROPERTY_CHARS) : value);
      }
    }

    @Override
    public void number(String name, Long value) throws IOException {
      if (value != null) {
        g.writeStringField(name, Long.toString(value));
      }
    }

    @Override
    public void decimal(String name, BigDecimal value) throws IOException {
      if (value != null) {
        g.writeStringField(name, value.toPlainString());
      }
    }

    @Override
    public void bool(String name, Boolean value) throws IOException {
      if (value != null) {
        g.writeStringField(name, value.toString());
      }
    }

    @Override
    public void list(String name, List<String> values) throws IOException {
      if (values != null && !values.isEmpty()) {
        string(name, Json.MAPPER.writeValueAsString(values));
      }
    }
  }
}
