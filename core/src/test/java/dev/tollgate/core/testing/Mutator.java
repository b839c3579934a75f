package dev.tollgate.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Breaks real records the ways real data (and worse) does: fields dropped, duplicated or of the
 * wrong type, strings cut or sprinkled with random characters and lone surrogates, huge and
 * negative numbers, deep nesting, PascalCase names, properties as a string, bodies mangled inside
 * their JSON strings. Deterministic for a given {@link Random}.
 */
public final class Mutator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] TOP_FIELDS = {
    "time", "correlationId", "durationMs", "callerIpAddress", "category", "properties", "resourceId"
  };
  private static final String[] PROP_FIELDS = {
    "url", "backendUrl", "responseCode", "backendResponseCode", "requestBody", "responseBody",
    "backendTime", "requestSize", "responseSize", "apimSubscriptionId", "lastError", "method"
  };
  private static final String[] USAGE_FIELDS = {
    "prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens"
  };

  private final Random random;

  public Mutator(Random random) {
    this.random = random;
  }

  /** One to four node-level mutations; the result is still a JSON object. */
  public ObjectNode mutate(ObjectNode record) {
    ObjectNode r = record.deepCopy();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      r = once(r);
    }
    return r;
  }

  private ObjectNode once(ObjectNode r) {
    ObjectNode props = r.get("properties") instanceof ObjectNode p ? p : null;
    switch (random.nextInt(14)) {
      case 0 -> r.remove(pick(TOP_FIELDS));
      case 1 -> {
        if (props != null) {
          props.remove(pick(PROP_FIELDS));
        }
      }
      case 2 -> {
        // the same name twice in another casing, with a different value
        String f = pick(TOP_FIELDS);
        r.set(f.toUpperCase(Locale.ROOT), garbage(2));
      }
      case 3 -> r.set(pick(TOP_FIELDS), garbage(3));
      case 4 -> {
        if (props != null) {
          props.set(pick(PROP_FIELDS), garbage(3));
        }
      }
      case 5 -> mutateString(r, props, true);
      case 6 -> mutateString(r, props, false);
      case 7 -> r.set("durationMs", hugeOrNegative());
      case 8 -> {
        if (props != null) {
          props.set(random.nextBoolean() ? "backendTime" : "responseCode", hugeOrNegative());
        }
      }
      case 9 -> r = ApimRecord.pascalCase(r);
      case 10 -> {
        if (props != null) {
          r = ApimRecord.propertiesAsString(r);
        }
      }
      case 11 -> {
        if (props != null) {
          props.set(
              random.nextBoolean() ? "requestBody" : "lastError", deep(1 + random.nextInt(900)));
        }
      }
      case 12 -> mutateBody(props);
      default -> {
        if (props != null) {
          props.put("responseBody", surrogates(text(props.get("responseBody"))));
        }
      }
    }
    return r;
  }

  private void mutateString(ObjectNode r, ObjectNode props, boolean cut) {
    ObjectNode target = props != null && random.nextBoolean() ? props : r;
    List<String> names = new ArrayList<>();
    target
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                names.add(e.getKey());
              }
            });
    if (names.isEmpty()) {
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    String v = target.get(name).asText();
    target.put(name, cut ? cutAt(v) : sprinkle(v));
  }

  /** Changes the JSON inside the response body string: usage numbers, types, nesting. */
  private void mutateBody(ObjectNode props) {
    if (props == null || !props.path("responseBody").isTextual()) {
      return;
    }
    String body = props.get("responseBody").asText();
    JsonNode n;
    try {
      n = Resources.parse(body);
    } catch (RuntimeException e) {
      props.put("responseBody", cutAt(body));
      return;
    }
    if (!(n instanceof ObjectNode o)) {
      return;
    }
    JsonNode usage = o.get("usage");
    if (usage instanceof ObjectNode u) {
      switch (random.nextInt(4)) {
        case 0 -> u.set(pick(USAGE_FIELDS), hugeOrNegative());
        case 1 -> u.set(pick(USAGE_FIELDS), garbage(2));
        case 2 -> u.set("prompt_tokens_details", garbage(3));
        default -> o.set("usage", garbage(3));
      }
    } else {
      o.set(random.nextBoolean() ? "choices" : "output", garbage(4));
    }
    props.put("responseBody", o.toString());
  }

  /** A text-level mutation of a serialized record: cut, random characters, duplicated key. */
  public String mutateText(String json) {
    return switch (random.nextInt(3)) {
      case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 1));
      case 1 -> {
        StringBuilder b = new StringBuilder(json);
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
          b.insert(1 + random.nextInt(b.length() - 1), randomChars(1 + random.nextInt(6)));
        }
        yield b.toString();
      }
      default -> "{\"time\":" + hugeOrNegative() + "," + json.substring(1);
    };
  }

  /** Anything at all, of a random type, nested up to {@code depth}. */
  public JsonNode garbage(int depth) {
    int k = random.nextInt(depth <= 0 ? 7 : 9);
    return switch (k) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(new BigDecimal(random.nextGaussian() * 1e6));
      case 4 -> NODES.textNode(randomChars(random.nextInt(20)));
      case 5 -> NODES.textNode(String.valueOf(random.nextInt(1000) - 500));
      case 6 -> hugeOrNegative();
      case 7 -> {
        ArrayNode a = NODES.arrayNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(garbage(depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = NODES.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          o.set(
              random.nextBoolean() ? pick(PROP_FIELDS) : "k" + random.nextInt(100),
              garbage(depth - 1));
        }
        yield o;
      }
    };
  }

  public JsonNode hugeOrNegative() {
    return switch (random.nextInt(8)) {
      case 0 -> NODES.numberNode(Long.MAX_VALUE);
      case 1 -> NODES.numberNode(Long.MIN_VALUE);
      case 2 -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
      case 3 -> NODES.numberNode(new BigDecimal("1e400"));
      case 4 -> NODES.textNode("1e300");
      case 5 -> NODES.numberNode(-1 - random.nextInt(100_000));
      case 6 -> NODES.numberNode(new BigDecimal("-0.5"));
      default -> NODES.textNode("NaN");
    };
  }

  private JsonNode deep(int depth) {
    JsonNode n = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      if (random.nextBoolean()) {
        n = NODES.arrayNode().add(n);
      } else {
        ObjectNode o = NODES.objectNode();
        o.set(random.nextBoolean() ? "content" : "input", n);
        n = o;
      }
    }
    return n;
  }

  private String cutAt(String v) {
    return v.isEmpty() ? v : v.substring(0, random.nextInt(v.length()));
  }

  private String sprinkle(String v) {
    StringBuilder b = new StringBuilder(v);
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.insert(random.nextInt(b.length() + 1), randomChars(1 + random.nextInt(4)));
    }
    return b.toString();
  }

  private String surrogates(String v) {
    StringBuilder b = new StringBuilder(v == null ? "" : v);
    b.insert(random.nextInt(b.length() + 1), random.nextBoolean() ? '\uD83D' : '\uDE00');
    return b.toString();
  }

  /** Random characters: control characters, quotes, backslashes, non-ASCII, lone surrogates. */
  public String randomChars(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(6);
      char c =
          switch (kind) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> "\"\\{}[],:".charAt(random.nextInt(8));
            case 2 -> (char) (0xD800 + random.nextInt(0x800)); // surrogate, usually unpaired
            case 3 -> (char) (0x80 + random.nextInt(0x7000));
            default -> (char) (0x20 + random.nextInt(0x5F));
          };
      if (c == '\n' || c == '\r') {
        c = ' '; // line structure is what the count relies on; newlines are tested elsewhere
      }
      b.append(c);
    }
    return b.toString();
  }

  private String pick(String[] names) {
    return names[random.nextInt(names.length)];
  }

  private static String text(JsonNode n) {
    return n == null || !n.isTextual() ? "" : n.asText();
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public boolean nextBoolean() {
    return random.nextBoolean();
  }
}
