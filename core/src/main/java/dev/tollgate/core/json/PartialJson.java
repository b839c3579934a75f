package dev.tollgate.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Reads JSON that may have been cut off (APIM cuts logged bodies at a byte limit). Builds the tree
 * token by token and, when the text ends early, returns what was read so far instead of failing.
 */
public final class PartialJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The tree read and whether the text was complete, well-formed JSON. */
  public record Result(JsonNode node, boolean complete) {}

  private PartialJson() {}

  public static Result parse(String text) {
    return parse(text, Set.of());
  }

  /**
   * Like {@link #parse(String)}, but the values of fields named in {@code skip} are passed over
   * without building them (embedding vectors, message lists a caller may never read): the tokenizer
   * still checks them, so completeness is judged the same.
   */
  public static Result parse(String text, Set<String> skip) {
    if (text == null || text.isBlank()) {
      return new Result(null, false);
    }
    Deque<JsonNode> stack = new ArrayDeque<>();
    JsonNode root = null;
    String pendingName = null;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> {
            pendingName = p.currentName();
            if (!skip.isEmpty() && skip.contains(pendingName)) {
              p.nextToken();
              p.skipChildren();
              pendingName = null;
            }
          }
          case START_OBJECT, START_ARRAY -> {
            JsonNode container =
                t == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
            if (stack.isEmpty()) {
              root = container;
            } else {
              attach(stack.peek(), pendingName, container);
            }
            stack.push(container);
            pendingName = null;
          }
          case END_OBJECT, END_ARRAY -> {
            stack.pop();
            if (stack.isEmpty()) {
              return new Result(root, p.nextToken() == null);
            }
          }
          default -> {
            if (!stack.isEmpty()
                && t.isNumeric()
                && p.currentLocation().getCharOffset() >= text.length()) {
              // A number that runs into the end of a cut text may be cut itself ("557" as "55").
              return new Result(root, false);
            }
            JsonNode value = scalar(p, t);
            if (stack.isEmpty()) {
              return new Result(value, p.nextToken() == null);
            }
            attach(stack.peek(), pendingName, value);
            pendingName = null;
          }
        }
      }
      return new Result(root, false);
    } catch (IOException | RuntimeException e) {
      return new Result(root, false);
    }
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? NODES.numberNode(p.getBigIntegerValue())
              : NODES.numberNode(p.getLongValue());
      // A double, not a BigDecimal: logged bodies carry floats only in embedding vectors,
      // sampling settings and log probabilities, none of which needs exact decimals, and an
      // embedding response holds hundreds of them.
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      default -> NODES.nullNode();
    };
  }

  private static void attach(JsonNode parent, String name, JsonNode child) {
    if (parent instanceof ObjectNode o) {
      o.set(name, child);
    } else {
      ((ArrayNode) parent).add(child);
    }
  }
}
