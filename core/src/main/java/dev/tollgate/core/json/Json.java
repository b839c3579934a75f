package dev.tollgate.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** The one shared, thread-safe Jackson mapper and the lenient field look-ups APIM data needs. */
public final class Json {
  public static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    return new ObjectMapper(factory)
        .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
        .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
  }

  /**
   * Field look-up that tolerates the casing variants seen in APIM records: exact name, then
   * PascalCase, then a case-insensitive scan. Returns null for missing or JSON null.
   */
  public static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(name);
    if (v == null) {
      v = node.get(Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
    if (v == null) {
      Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) node).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    return v == null || v.isNull() || v.isMissingNode() ? null : v;
  }

  /** Text of a field; numbers and booleans are rendered, blank strings become null. */
  public static String text(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (v == null || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  /** A whole number from a number or a numeric string; null when absent or not a number. */
  public static Long longValue(JsonNode node, String name) {
    return asLong(field(node, name));
  }

  public static Long asLong(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber()) {
      // a number beyond long would otherwise come back as its low 64 bits
      return v.canConvertToLong() ? v.asLong() : null;
    }
    if (v.isNumber()) {
      return rounded(v.asDouble());
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.isEmpty()) {
        return null;
      }
      try {
        return rounded(Double.parseDouble(s));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Null for NaN, infinities and values beyond long, which Math.round would turn into 0 or MAX. */
  private static Long rounded(double d) {
    if (!Double.isFinite(d) || Math.abs(d) >= 0x1p63) {
      return null;
    }
    return Math.round(d);
  }

  /** A boolean from true/false or "true"/"false"; null otherwise. */
  public static Boolean bool(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (v == null) {
      return null;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }
}
