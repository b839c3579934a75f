package dev.tollgate.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Maps one line of {@code requests.jsonl} to a {@link UsageRecord} with Jackson's streaming parser:
 * only the keys a report needs are read, everything else is skipped, so a line costs no more memory
 * than its own text.
 */
public final class RequestLineReader {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private RequestLineReader() {}

  /** A line that is not one flat JSON object. */
  public static final class MalformedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLineException(String message) {
      super(message);
    }
  }

  /**
   * Reads one line.
   *
   * @return the record, or null for a blank line
   * @throws MalformedLineException when the line is not a JSON object
   */
  public static UsageRecord parse(String line) throws MalformedLineException {
    if (line == null || line.isBlank()) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedLineException("not a JSON object");
      }
      Fields f = new Fields();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        read(p, name, f);
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new MalformedLineException("not a single JSON object");
      }
      return f.toRecord();
    } catch (IOException e) {
      throw new MalformedLineException("invalid JSON: " + firstLine(e.getMessage()));
    }
  }

  private static void read(JsonParser p, String name, Fields f) throws IOException {
    switch (name) {
      case "time" -> f.time = text(p);
      case "tollgate.item_id" -> f.itemId = text(p);
      case "tollgate.llm" -> f.llm = flag(p);
      case "gen_ai.provider.name" -> f.provider = text(p);
      case "apim.subscription_id" -> f.team = text(p);
      case "apim.product_id" -> f.product = text(p);
      case "azure.openai.deployment" -> f.deployment = text(p);
      case "gen_ai.response.model" -> f.responseModel = text(p);
      case "gen_ai.request.model" -> f.requestModel = text(p);
      case "gen_ai.usage.input_tokens" -> f.input = count(p);
      case "gen_ai.usage.output_tokens" -> f.output = count(p);
      case "gen_ai.usage.cache_read.input_tokens" -> f.cached = count(p);
      case "gen_ai.usage.reasoning.output_tokens" -> f.reasoning = count(p);
      case "tollgate.usage.source" -> f.usageSource = text(p);
      case "tollgate.cost.usd" -> f.cost = decimal(p);
      case "tollgate.cost.status" -> f.costStatus = text(p);
      case "error.type" -> f.errorType = text(p);
      default -> p.skipChildren();
    }
  }

  /** A scalar as text; null for JSON null, blank strings and containers (which are skipped). */
  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t.isStructStart()) {
      p.skipChildren();
      return null;
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    String s = p.getText();
    return s == null || s.isBlank() ? null : s;
  }

  /** {@code tollgate.llm}: 1 true, 0 false, -1 absent or not a boolean. */
  private static int flag(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t.isBoolean()) {
      return p.getBooleanValue() ? 1 : 0;
    }
    if (t.isStructStart()) {
      p.skipChildren();
    }
    return -1;
  }

  private static long count(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return Math.max(0, p.getLongValue());
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return Math.max(0, p.getDecimalValue().longValue());
    }
    if (t.isStructStart()) {
      p.skipChildren();
    }
    return 0;
  }

  private static BigDecimal decimal(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t.isNumeric()) {
      return p.getDecimalValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return new BigDecimal(p.getText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (t.isStructStart()) {
      p.skipChildren();
    }
    return null;
  }

  static Instant parseTime(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static final class Fields {
    String time;
    String itemId;
    int llm = -1;
    String provider;
    String team;
    String product;
    String deployment;
    String responseModel;
    String requestModel;
    long input;
    long output;
    long cached;
    long reasoning;
    String usageSource;
    BigDecimal cost;
    String costStatus;
    String errorType;

    UsageRecord toRecord() {
      boolean isLlm = llm >= 0 ? llm == 1 : provider != null;
      String model =
          responseModel != null ? responseModel : requestModel != null ? requestModel : deployment;
      return new UsageRecord(
          parseTime(time),
          itemId,
          isLlm,
          label(team),
          label(product),
          label(deployment),
          label(model),
          input,
          output,
          cached,
          reasoning,
          usageSource,
          cost,
          costStatus,
          errorType);
    }

    private static String label(String s) {
      return s == null ? UsageRecord.NONE : s;
    }
  }
}
