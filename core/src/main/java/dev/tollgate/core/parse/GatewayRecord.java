package dev.tollgate.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.SourcePosition;
import java.time.Instant;

/**
 * One APIM diagnostic record with its {@code properties} resolved to an object, whatever shape it
 * arrived in. Look-ups are lenient about casing.
 */
public final class GatewayRecord {
  private final ObjectNode top;
  private final JsonNode properties;
  private final SourcePosition position;
  private final Instant enqueuedTime;

  GatewayRecord(ObjectNode top, JsonNode properties, SourcePosition position, Instant enqueued) {
    this.top = top;
    this.properties = properties;
    this.position = position;
    this.enqueuedTime = enqueued;
  }

  /** Top-level field as text (e.g. {@code time}, {@code correlationId}). */
  public String top(String name) {
    return Json.text(top, name);
  }

  public Long topLong(String name) {
    return Json.longValue(top, name);
  }

  /** Field of {@code properties} as text. */
  public String prop(String name) {
    return Json.text(properties, name);
  }

  public Long propLong(String name) {
    return Json.longValue(properties, name);
  }

  /** Field of {@code properties} as a node, for nested values such as {@code lastError}. */
  public JsonNode propNode(String name) {
    return Json.field(properties, name);
  }

  public String category() {
    String c = top("category");
    return c != null ? c : prop("category");
  }

  public boolean isLlmLog() {
    String c = category();
    return c != null && c.toLowerCase(java.util.Locale.ROOT).contains("llm");
  }

  public SourcePosition position() {
    return position;
  }

  public Instant enqueuedTime() {
    return enqueuedTime;
  }

  /** The record as JSON text, for dead letters and content-derived ids. */
  public String raw() {
    return top.toString();
  }
}
