package dev.tollgate.core.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.SourcePosition;

/**
 * Splits an Event Hub body into diagnostic records (APIM's, or an Azure OpenAI account's). Accepts
 * the {@code {"records":[...]}} envelope, a bare record, a JSON array of records, and one envelope
 * or record per line. Anything it cannot read becomes a {@link BrokenRecord} with a reason; it
 * never throws.
 */
public final class RecordReader {

  /** Receives what was read, in order. */
  public interface Visitor {
    void record(GatewayRecord record);

    void broken(BrokenRecord broken);
  }

  /** Input that is not a usable record, with a stable reason code and a readable detail. */
  public record BrokenRecord(String reason, String detail, String raw, SourcePosition position) {}

  private static final String[] RECORD_MARKERS = {
    "time", "category", "properties", "operationName", "correlationId", "resourceId"
  };

  private RecordReader() {}

  public static void read(EventBody body, Visitor visitor) {
    String text = body.text();
    if (text == null || text.isBlank()) {
      return;
    }
    Cursor cursor = new Cursor(body);
    String trimmed = text.strip();
    JsonNode whole = tryParse(trimmed);
    if (whole != null) {
      dispatch(whole, trimmed, cursor, visitor);
      return;
    }
    if (trimmed.indexOf('\n') < 0) {
      visitor.broken(new BrokenRecord("invalid_json", parseError(trimmed), trimmed, cursor.next()));
      return;
    }
    for (String line : trimmed.split("\r?\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      JsonNode node = tryParse(l);
      if (node == null) {
        visitor.broken(new BrokenRecord("invalid_json", parseError(l), l, cursor.next()));
      } else {
        dispatch(node, l, cursor, visitor);
      }
    }
  }

  private static void dispatch(JsonNode node, String raw, Cursor cursor, Visitor visitor) {
    JsonNode records = node.isObject() ? Json.field(node, "records") : null;
    if (records != null && records.isArray()) {
      for (JsonNode r : records) {
        one(r, null, cursor, visitor);
      }
    } else if (node.isArray()) {
      for (JsonNode r : node) {
        one(r, null, cursor, visitor);
      }
    } else {
      one(node, raw, cursor, visitor);
    }
  }

  private static void one(JsonNode node, String raw, Cursor cursor, Visitor visitor) {
    SourcePosition pos = cursor.next();
    if (!node.isObject()) {
      visitor.broken(
          new BrokenRecord(
              "not_a_record",
              "expected a JSON object, found "
                  + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT),
              raw != null ? raw : node.toString(),
              pos));
      return;
    }
    ObjectNode top = (ObjectNode) node;
    if (!looksLikeRecord(top)) {
      visitor.broken(
          new BrokenRecord(
              "not_a_record",
              "none of the APIM record fields (time, category, properties, correlationId) is present",
              raw != null ? raw : node.toString(),
              pos));
      return;
    }
    JsonNode props = Json.field(top, "properties");
    String problem = null;
    if (props != null && props.isTextual()) {
      props = tryParse(props.asText().strip());
      if (props == null || !props.isObject()) {
        problem = "properties is a string that is not a JSON object";
      }
    } else if (props != null && !props.isObject()) {
      problem = "properties is neither an object nor a JSON string";
    }
    if (problem != null && isResourceLog(top)) {
      // Its top level (operation, status, duration, account, correlation id) still says what
      // happened, and an audit record must not vanish: kept, marked unreadable.
      visitor.record(new GatewayRecord(top, null, pos, cursor.body.enqueuedTime(), true));
      return;
    }
    if (problem != null) {
      visitor.broken(
          new BrokenRecord(
              "invalid_properties", problem, raw != null ? raw : node.toString(), pos));
      return;
    }
    visitor.record(new GatewayRecord(top, props, pos, cursor.body.enqueuedTime()));
  }

  private static boolean isResourceLog(ObjectNode top) {
    return RecordKind.of(Json.text(top, "category"), Json.text(top, "resourceId"))
        == RecordKind.OPENAI_RESOURCE_LOG;
  }

  private static boolean looksLikeRecord(ObjectNode node) {
    for (String marker : RECORD_MARKERS) {
      if (Json.field(node, marker) != null) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode tryParse(String text) {
    char c = text.isEmpty() ? ' ' : text.charAt(0);
    if (c != '{' && c != '[') {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String parseError(String text) {
    try {
      Json.MAPPER.readTree(text);
      return "not JSON";
    } catch (JsonProcessingException e) {
      return "not valid JSON: " + e.getOriginalMessage();
    }
  }

  /** Numbers the records of one body in reading order. */
  private static final class Cursor {
    private final EventBody body;
    private int index;

    Cursor(EventBody body) {
      this.body = body;
    }

    SourcePosition next() {
      return new SourcePosition(body.partitionId(), body.sequenceNumber(), body.source(), index++);
    }
  }
}
