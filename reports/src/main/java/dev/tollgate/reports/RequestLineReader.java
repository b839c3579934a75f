package dev.tollgate.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public MalformedLineException(String message) {
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

  /**
   * The {@code requests.jsonl} keys a report reads, and what each holds: the one list both readers
   * ({@link #parse} and {@link #fromValues}) map.
   */
  enum Field {
    TIME("time", Kind.TIME),
    ITEM_ID("tollgate.item_id", Kind.TEXT),
    LLM("tollgate.llm", Kind.FLAG),
    PROVIDER("gen_ai.provider.name", Kind.TEXT),
    TEAM("apim.subscription_id", Kind.TEXT),
    PRODUCT("apim.product_id", Kind.TEXT),
    DEPLOYMENT("azure.openai.deployment", Kind.TEXT),
    RESPONSE_MODEL("gen_ai.response.model", Kind.TEXT),
    REQUEST_MODEL("gen_ai.request.model", Kind.TEXT),
    INPUT("gen_ai.usage.input_tokens", Kind.COUNT),
    OUTPUT("gen_ai.usage.output_tokens", Kind.COUNT),
    CACHED("gen_ai.usage.cache_read.input_tokens", Kind.COUNT),
    REASONING("gen_ai.usage.reasoning.output_tokens", Kind.COUNT),
    USAGE_SOURCE("tollgate.usage.source", Kind.TEXT),
    COST("tollgate.cost.usd", Kind.DECIMAL),
    COST_STATUS("tollgate.cost.status", Kind.TEXT),
    ERROR_TYPE("error.type", Kind.TEXT),
    CATEGORY("tollgate.record.category", Kind.TEXT),
    ACCOUNT("azure.openai.account", Kind.TEXT),
    PRICE_REF("tollgate.price.ref", Kind.TEXT),
    BREAKDOWN("tollgate.cost.breakdown", Kind.BREAKDOWN),
    REGION("cloud.region", Kind.TEXT),
    RESOURCE_ID("azure.openai.resource_id", Kind.TEXT),
    AUDIO_INPUT(UsageRecord.MODALITY_KEYS.get(0), Kind.COUNT),
    CACHED_AUDIO_INPUT(UsageRecord.MODALITY_KEYS.get(1), Kind.COUNT),
    AUDIO_OUTPUT(UsageRecord.MODALITY_KEYS.get(2), Kind.COUNT),
    IMAGE_INPUT(UsageRecord.MODALITY_KEYS.get(3), Kind.COUNT),
    CACHED_IMAGE_INPUT(UsageRecord.MODALITY_KEYS.get(4), Kind.COUNT),
    IMAGE_OUTPUT(UsageRecord.MODALITY_KEYS.get(5), Kind.COUNT);

    enum Kind {
      TEXT,
      TIME,
      FLAG,
      COUNT,
      DECIMAL,
      /** A flat object of numbers; any other shape reads as absent (no breakdown). */
      BREAKDOWN
    }

    private static final Map<String, Field> BY_KEY = new HashMap<>();

    static {
      for (Field f : values()) {
        BY_KEY.put(f.key, f);
      }
    }

    final String key;
    final Kind kind;

    Field(String key, Kind kind) {
      this.key = key;
      this.kind = kind;
    }

    static Field of(String key) {
      return BY_KEY.get(key);
    }
  }

  /** The keys (column names) {@link #fromValues} reads, in {@code requests.jsonl} order. */
  public static List<String> keys() {
    return Arrays.stream(Field.values()).map(f -> f.key).toList();
  }

  /**
   * Maps named values, e.g. one row of a Log Analytics query whose columns carry the {@code
   * requests.jsonl} names ({@code queries/llm-requests-workspace.kql}), to a record with the same
   * rules as {@link #parse}: other names are ignored, blank text and nulls are absent, negative
   * counts are 0. Values may be {@code String}, {@code Number}, {@code Boolean} or {@code Instant}
   * (times); text is accepted where a number or time is expected when it parses as one.
   *
   * @throws MalformedLineException naming the key when a value cannot be what the key holds (text
   *     that is not a number or a time, a nested value)
   */
  public static UsageRecord fromValues(Map<String, ?> values) throws MalformedLineException {
    Fields f = new Fields();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Field field = Field.of(e.getKey());
      if (field != null && e.getValue() != null) {
        f.set(field, convert(field, e.getValue()));
      }
    }
    return f.toRecord();
  }

  private static Object convert(Field field, Object v) throws MalformedLineException {
    if (field.kind == Field.Kind.BREAKDOWN) {
      return breakdownOf(v);
    }
    if (v instanceof Map<?, ?> || v instanceof Iterable<?> || v.getClass().isArray()) {
      throw new MalformedLineException(field.key + ": a nested value, not a scalar");
    }
    String text = v instanceof String s ? s.strip() : null;
    if (text != null && text.isEmpty()) {
      return null;
    }
    try {
      return switch (field.kind) {
        case TEXT -> String.valueOf(v);
        case TIME -> {
          if (v instanceof Instant i) {
            yield i;
          }
          if (v instanceof TemporalAccessor t) {
            yield Instant.from(t);
          }
          Instant i = parseTime(String.valueOf(v).strip());
          if (i == null) {
            throw new MalformedLineException(field.key + ": not a time: '" + v + "'");
          }
          yield i;
        }
        case FLAG -> {
          if (v instanceof Boolean b) {
            yield b ? 1 : 0;
          }
          if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            yield "true".equalsIgnoreCase(text) ? 1 : 0;
          }
          throw new MalformedLineException(field.key + ": not a boolean: '" + v + "'");
        }
        case COUNT -> Math.max(0, decimalOf(field, v).longValue());
        case DECIMAL -> decimalOf(field, v);
        case BREAKDOWN -> breakdownOf(v);
      };
    } catch (java.time.DateTimeException e) {
      throw new MalformedLineException(field.key + ": not a time: '" + v + "'");
    }
  }

  private static BigDecimal decimalOf(Field field, Object v) throws MalformedLineException {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new MalformedLineException(field.key + ": not a finite number: " + v);
      }
      // The shortest decimal that reads back as the same double: 0.00725, not 0.00724999...
      return BigDecimal.valueOf(d);
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    try {
      return new BigDecimal(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw new MalformedLineException(field.key + ": not a number: '" + v + "'");
    }
  }

  private static void read(JsonParser p, String name, Fields f) throws IOException {
    Field field = Field.of(name);
    if (field == null) {
      p.skipChildren();
      return;
    }
    Object value =
        switch (field.kind) {
          case TEXT, TIME -> text(p);
          case FLAG -> flag(p);
          case COUNT -> count(p);
          case DECIMAL -> decimal(p);
          case BREAKDOWN -> breakdown(p);
        };
    f.set(field, value);
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

  /**
   * {@code tollgate.cost.breakdown} (class to USD); null for JSON null and for any other shape than
   * a flat object of numbers, so a damaged breakdown costs the line its classes, never its cost.
   */
  private static Map<String, BigDecimal> breakdown(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    boolean ok = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      BigDecimal v = decimal(p);
      if (v == null || out.put(name, v) != null) {
        ok = false;
      }
    }
    return ok ? out : null;
  }

  /** The same as {@link #breakdown(JsonParser)} for a query value: a map or its JSON text. */
  private static Map<String, BigDecimal> breakdownOf(Object v) {
    if (v instanceof String s) {
      try (JsonParser p = FACTORY.createParser(s)) {
        p.nextToken();
        Map<String, BigDecimal> m = breakdown(p);
        return p.nextToken() == null ? m : null;
      } catch (IOException e) {
        return null;
      }
    }
    if (!(v instanceof Map<?, ?> m)) {
      return null;
    }
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object value = e.getValue();
      try {
        BigDecimal d =
            value instanceof BigDecimal b
                ? b
                : value instanceof Number || value instanceof String
                    ? new BigDecimal(String.valueOf(value).strip())
                    : null;
        if (d == null) {
          return null;
        }
        out.put(String.valueOf(e.getKey()), d);
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    return out;
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
    Object time;
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
    String category;
    String account;
    String priceRef;
    Map<String, BigDecimal> breakdown;
    String region;
    String resourceId;
    final Map<String, Long> modality = new HashMap<>();

    /** One value, as {@link #read} or {@link #convert} made it for the field's kind. */
    void set(Field field, Object v) {
      switch (field) {
        case TIME -> time = v;
        case ITEM_ID -> itemId = (String) v;
        case LLM -> llm = v == null ? -1 : (Integer) v;
        case PROVIDER -> provider = (String) v;
        case TEAM -> team = (String) v;
        case PRODUCT -> product = (String) v;
        case DEPLOYMENT -> deployment = (String) v;
        case RESPONSE_MODEL -> responseModel = (String) v;
        case REQUEST_MODEL -> requestModel = (String) v;
        case INPUT -> input = v == null ? 0 : (Long) v;
        case OUTPUT -> output = v == null ? 0 : (Long) v;
        case CACHED -> cached = v == null ? 0 : (Long) v;
        case REASONING -> reasoning = v == null ? 0 : (Long) v;
        case USAGE_SOURCE -> usageSource = (String) v;
        case COST -> cost = (BigDecimal) v;
        case COST_STATUS -> costStatus = (String) v;
        case ERROR_TYPE -> errorType = (String) v;
        case CATEGORY -> category = (String) v;
        case ACCOUNT -> account = (String) v;
        case PRICE_REF -> priceRef = (String) v;
        case BREAKDOWN -> breakdown = breakdownValue(v);
        case REGION -> region = (String) v;
        case RESOURCE_ID -> resourceId = (String) v;
        case AUDIO_INPUT,
            CACHED_AUDIO_INPUT,
            AUDIO_OUTPUT,
            IMAGE_INPUT,
            CACHED_IMAGE_INPUT,
            IMAGE_OUTPUT -> {
          long n = v == null ? 0 : (Long) v;
          if (n > 0) {
            modality.put(field.key, n);
          } else {
            modality.remove(field.key);
          }
        }
      }
    }

    UsageRecord toRecord() {
      // resource-log lines stay LLM calls here: the report keeps them out of spend by category
      // (UsageRecord.resourceLog) and compares them with the gateway's (GatewayBypass)
      boolean isLlm = llm >= 0 ? llm == 1 : provider != null;
      String model =
          responseModel != null ? responseModel : requestModel != null ? requestModel : deployment;
      return new UsageRecord(
          time instanceof Instant i ? i : parseTime((String) time),
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
          errorType,
          category,
          account,
          breakdown,
          priceRef,
          region,
          resourceId,
          modality);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, BigDecimal> breakdownValue(Object v) {
      return (Map<String, BigDecimal>) v;
    }

    private static String label(String s) {
      return s == null ? UsageRecord.NONE : s;
    }
  }
}
