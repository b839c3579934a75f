package dev.tollgate.otel;

import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.output.FieldVisitor;
import dev.tollgate.core.output.RequestFields;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The fields of {@code requests.jsonl} ({@link RequestFields}) as log-record attributes: strings,
 * longs, booleans and string arrays keep their type; the exact decimal cost becomes a double so
 * backends can sum it. OpenTelemetry attributes cannot be null, so unknown values and empty lists
 * are left out rather than written as null.
 */
final class LogAttributes implements FieldVisitor {
  private final AttributesBuilder b = Attributes.builder();

  private LogAttributes() {}

  static Attributes of(LlmRequest r) {
    LogAttributes v = new LogAttributes();
    try {
      RequestFields.visit(r, v);
    } catch (IOException e) {
      // This visitor does no I/O; only the signature of FieldVisitor declares it.
      throw new UncheckedIOException(e);
    }
    return v.b.build();
  }

  @Override
  public void string(String name, String value) {
    if (value != null) {
      b.put(name, value);
    }
  }

  @Override
  public void number(String name, Long value) {
    if (value != null) {
      b.put(name, value.longValue());
    }
  }

  @Override
  public void decimal(String name, BigDecimal value) {
    if (value != null) {
      b.put(name, value.doubleValue());
    }
  }

  /** One double attribute per class ({@code tollgate.cost.breakdown.input}, ...): summable. */
  @Override
  public void decimals(String name, Map<String, BigDecimal> values) {
    if (values != null) {
      values.forEach((k, v) -> b.put(name + "." + k, v.doubleValue()));
    }
  }

  @Override
  public void bool(String name, Boolean value) {
    if (value != null) {
      b.put(name, value.booleanValue());
    }
  }

  @Override
  public void list(String name, List<String> values) {
    if (values != null && !values.isEmpty()) {
      b.put(AttributeKey.stringArrayKey(name), values);
    }
  }
}
