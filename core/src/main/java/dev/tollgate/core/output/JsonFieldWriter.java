package dev.tollgate.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes visited fields into the current JSON object, nulls included (the contract says so). */
final class JsonFieldWriter implements FieldVisitor {
  private final JsonGenerator g;

  JsonFieldWriter(JsonGenerator g) {
    this.g = g;
  }

  @Override
  public void string(String name, String value) throws IOException {
    RequestFields.str(g, name, value);
  }

  @Override
  public void number(String name, Long value) throws IOException {
    RequestFields.num(g, name, value);
  }

  @Override
  public void decimal(String name, BigDecimal value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  @Override
  public void bool(String name, Boolean value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeBoolean(value);
    }
  }

  @Override
  public void decimals(String name, Map<String, BigDecimal> values) throws IOException {
    g.writeFieldName(name);
    if (values == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeNumber(e.getValue());
    }
    g.writeEndObject();
  }

  @Override
  public void list(String name, List<String> values) throws IOException {
    RequestFields.list(g, name, values);
  }
}
