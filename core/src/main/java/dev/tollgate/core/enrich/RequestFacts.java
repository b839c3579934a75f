package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.json.PartialJson;

/** What a logged request body says: requested model, streaming, and the text sent to the model. */
final class RequestFacts {
  final String model;
  final Boolean stream;
  final boolean includeUsage;
  final boolean complete;
  private final JsonNode node;
  private final String text;

  private RequestFacts(String text) {
    this.text = text;
    PartialJson.Result r = PartialJson.parse(text);
    this.node = r.node() != null && r.node().isObject() ? r.node() : null;
    this.complete = r.complete() && node != null;
    this.model = Json.text(node, "model");
    this.stream = Json.bool(node, "stream");
    this.includeUsage =
        node != null && node.path("stream_options").path("include_usage").asBoolean(false);
  }

  static RequestFacts read(String body) {
    return body == null ? null : new RequestFacts(body);
  }

  boolean hasText() {
    return node != null || (text != null && !text.isBlank());
  }

  /** The text sent to the model, one {@code role: content} line per chat message. */
  String inputText() {
    if (!complete) {
      return Texts.unescapeVisible(text);
    }
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
