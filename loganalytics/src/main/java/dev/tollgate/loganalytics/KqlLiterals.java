package dev.tollgate.loganalytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a plain value (from settings or code) into a KQL literal of a declared parameter type,
 * validating it on the way: a value can never become anything but one literal, so settings cannot
 * inject KQL.
 */
public final class KqlLiterals {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KQL_TIMESPAN =
      Pattern.compile("\\d{1,9}(\\.\\d{1,9})?(d|h|m|s|ms|microsecond|tick)");

  private KqlLiterals() {}

  /**
   * The literal for {@code value} as a parameter of KQL type {@code type} (string, bool, int, long,
   * real, double, decimal, datetime, timespan, dynamic, guid). {@code null} or "null" gives the
   * type's null (a string's null is the empty string).
   *
   * @throws IllegalArgumentException when the value is not of the type
   */
  public static String format(String type, String value) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    boolean isNull = value == null || value.strip().equalsIgnoreCase("null");
    switch (t) {
      case "string":
        return value == null ? "\"\"" : quote(value);
      case "bool":
      case "boolean":
        if (isNull) {
          return "bool(null)";
        }
        String b = value.strip().toLowerCase(Locale.ROOT);
        if (!b.equals("true") && !b.equals("false")) {
          throw invalid(type, value, "true or false");
        }
        return b;
      case "int":
      case "long":
        if (isNull) {
          return t + "(null)";
        }
        try {
          return t + "(" + Long.parseLong(value.strip()) + ")";
        } catch (NumberFormatException e) {
          throw invalid(type, value, "a whole number");
        }
      case "real":
      case "double":
      case "decimal":
        if (isNull) {
          return (t.equals("decimal") ? "decimal" : "real") + "(null)";
        }
        try {
          BigDecimal d = new BigDecimal(value.strip());
          return (t.equals("decimal") ? "decimal" : "real") + "(" + d.toPlainString() + ")";
        } catch (NumberFormatException e) {
          throw invalid(type, value, "a number");
        }
      case "datetime":
      case "date":
        return isNull ? "datetime(null)" : "datetime(" + instant(type, value.strip()) + ")";
      case "timespan":
      case "time":
        return isNull ? "timespan(null)" : timespan(type, value.strip());
      case "dynamic":
        if (isNull) {
          return "dynamic(null)";
        }
        try {
          JsonNode node = JSON.readTree(value);
          if (node == null || node.isMissingNode()) {
            throw invalid(type, value, "JSON");
          }
          return "dynamic(" + JSON.writeValueAsString(node) + ")";
        } catch (JsonProcessingException e) {
          throw invalid(type, value, "JSON");
        }
      case "guid":
        if (isNull) {
          return "guid(null)";
        }
        try {
          return "guid(" + UUID.fromString(value.strip()) + ")";
        } catch (IllegalArgumentException e) {
          throw invalid(type, value, "a GUID");
        }
      default:
        throw new IllegalArgumentException("unsupported KQL parameter type '" + type + "'");
    }
  }

  /** A KQL string literal: double-quoted, with backslash escapes. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String instant(String type, String v) {
    try {
      return Instant.parse(v).toString();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return OffsetDateTime.parse(v).toInstant().toString();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw invalid(type, v, "an ISO-8601 date or instant such as 2025-06-01T00:00:00Z");
    }
  }

  private static String timespan(String type, String v) {
    if (KQL_TIMESPAN.matcher(v).matches()) {
      return "timespan(" + v + ")";
    }
    try {
      Duration d = Duration.parse(v);
      return "timespan(" + d.toMillis() + "ms)";
    } catch (DateTimeParseException | ArithmeticException e) {
      throw invalid(type, v, "a duration such as 15m, 1h, 7d or PT15M");
    }
  }

  private static IllegalArgumentException invalid(String type, String value, String expected) {
    return new IllegalArgumentException(
        "'" + value + "' is not a valid " + type + " (expected " + expected + ")");
  }
}
