package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.json.PartialJson;
import java.util.Set;

/** What a logged request body says: requested model, streaming, and the text sent to the model. */
final class RequestFacts {
  /**
   * The fields that carry the prompt. Most records report their usage and never need them, so the
   * first read passes over them and {@link #node()} builds them only when text is asked for.
   */
  private static final Set<String> PROMPT_FIELDS =
      Set.of("messages", "input", "prompt", "instructions", "tools", "functions");

  final String model;
  final Boolean stream;
  final String serviceTier;
  final boolean includeUsage;
  final boolean complete;
  private final boolean object;
  private final String text;
  private JsonNode node;

  private RequestFacts(String text, boolean withPrompt) {
    this.text = text;
    PartialJson.Result r = PartialJson.parse(text, withPrompt ? Set.of() : PROMPT_FIELDS);
    JsonNode head = r.node() != null && r.node().isObject() ? r.node() : null;
    if (withPrompt) {
      this.node = head;
    }
    this.object = head != null;
    this.complete = r.complete() && object;
    this.model = Json.text(head, "model");
    this.stream = Json.bool(head, "stream");
    this.serviceTier = Json.text(head, "service_tier");
    this.includeUsage =
        head != null && head.path("stream_options").path("include_usage").asBoolean(false);
  }

  /** The whole request as a tree; read once, on the first call that needs the prompt. */
  private JsonNode node() {
    if (node == null && text != null) {
      node = PartialJson.parse(text).node();
    }
    return node;
  }

  /**
   * @param withPrompt read the prompt now, because it will be needed (usage to estimate, content to
   *     capture); otherwise it is passed over and read only if asked for
   */
  static RequestFacts read(String body, boolean withPrompt) {
    return body == null ? null : new RequestFacts(body, withPrompt);
  }

  boolean hasText() {
    return object || (text != null && !text.isBlank());
  }

  /** The text sent to the model, one {@code role: content} line per chat message. */
  String inputText() {
    if (!complete) {
      return Texts.unescapeVisible(text);
    }
    JsonNode node = node();
    JsonNode messages = node.get("messages");
    StringBuilder b = new StringBuilder();
    if (messages != null && messages.isArray()) {
      for (JsonNode m : messages) {
        b.append(Json.text(m, "role"))
            .append(": ")
            .append(Texts.contentText(m.get("content")))
            .append('\n');
      }
      return b.toString();
    }
    Texts.appendAll(node.get("instructions"), b);
    Texts.appendAll(node.get("prompt"), b);
    Texts.appendAll(node.get("input"), b);
    return b.toString();
  }

  /**
   * Input tokens as the API counts them: for chat, 3 per message plus role, name and content, plus
   * 3 to prime the reply; for other APIs, the tokens of the prompt or input text. A cut body is
   * counted over its visible text with the JSON escapes undone.
   */
  long estimateInput(TokenEstimator estimator, EncodingType enc) {
    if (!complete) {
      return estimator.count(Texts.unescapeVisible(text), enc);
    }
    JsonNode node = node();
    JsonNode messages = node.get("messages");
    if (messages != null && messages.isArray()) {
      long n = TokenEstimator.REPLY_PRIMING_TOKENS;
      for (JsonNode m : messages) {
        n += TokenEstimator.TOKENS_PER_MESSAGE;
        n += estimator.count(Json.text(m, "role"), enc);
        String name = Json.text(m, "name");
        if (name != null) {
          n += 1 + estimator.count(name, enc);
        }
        n += estimator.count(Texts.contentText(m.get("content")), enc);
        n += estimator.count(Texts.toolCallsText(m.get("tool_calls")), enc);
      }
      JsonNode tools = node.get("tools");
      if (tools != null && tools.isArray() && tools.size() > 0) {
        n += estimator.count(tools.toString(), enc);
      }
      return n;
    }
    StringBuilder b = new StringBuilder();
    Texts.appendAll(node.get("instructions"), b);
    Texts.appendAll(node.get("prompt"), b);
    Texts.appendAll(node.get("input"), b);
    return estimator.count(b.toString(), enc);
  }
}
