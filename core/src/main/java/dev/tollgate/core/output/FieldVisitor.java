package dev.tollgate.core.output;

import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Receives the flat fields of an output item in order, so one field list serves every format (JSON
 * lines, Application Insights dimensions, OpenTelemetry attributes). Values may be null.
 */
public interface FieldVisitor {
  void string(String name, String value) throws IOException;

  void number(String name, Long value) throws IOException;

  void decimal(String name, BigDecimal value) throws IOException;

  void bool(String name, Boolean value) throws IOException;

  void list(String name, List<String> values) throws IOException;

  /**
   * A small object of exact decimals by name (e.g. {@code tollgate.cost.breakdown}). By default it
   * is handed on as its JSON text, the form string-only sinks (event dimensions) can carry.
   */
  default void decimals(String name, Map<String, BigDecimal> values) throws IOException {
    string(name, values == null ? null : Json.MAPPER.writeValueAsString(values));
  }
}
