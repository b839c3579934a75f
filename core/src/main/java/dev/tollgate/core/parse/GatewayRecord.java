package dev.tollgate.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.SourcePosition;
import java.time.Instant;

/**
 * One diagnostic record (APIM, or an Azure OpenAI account's resource log: see {@link #kind}) with
 * its {@code properties} resolved to an object, whatever shape it arrived in. Look-ups are lenient
 * about casing.
 */
public final class GatewayRecord {
  private final ObjectNode top;
  private final JsonNode properties;
  private final SourcePosition position;
  private final Instant enqueuedTime;
  private final RecordKind kind;
  private final boolean propertiesUnreadable;

  GatewayRecord(ObjectNode top, JsonNode properties, SourcePosition position, Instant enqueued) {
    this(top, properties, position, enqueued, false);
  }

  /**
   * @param propertiesUnreadable {@code properties} was there but could not be read (only resource
   *     logs are kept then: their top level alone says what happened)
   */
  GatewayRecord(
      ObjectNode top,
      JsonNode properties,
      SourcePosition position,
      Instant enqueued,
      boolean propertiesUnreadable) {
    this.top = top;
    this.properties = properties;
    this.position = position;
    this.enqueuedTime = enqueued;
    this.propertiesUnreadable = propertiesUnreadable;
    this.kind = RecordKind.of(category(), top("resourceId"));
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

  public RecordKind kind() {
    return kind;
  }

  public boolean isLlmLog() {
    return kind == RecordKind.GATEWAY_LLM_LOG;
  }

  public boolean isResourceLog() {
    return kind == RecordKind.OPENAI_RESOURCE_LOG;
  }

  /** Whether {@code properties} was present but not readable (resource logs only). */
  public boolean propertiesUnreadable() {
    return propertiesUnreadable;
  }

  /** The names of the {@code properties} fields, in record order (empty when none). */
  public java.util.List<String> propNames() {
    java.util.List<String> names = new java.util.ArrayList<>();
    if (properties != null) {
      properties.fieldNames().forEachRemaining(names::add);
    }
    return names;
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
