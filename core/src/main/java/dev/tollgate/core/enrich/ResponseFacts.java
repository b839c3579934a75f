package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.json.PartialJson;
import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.model.TokenUsage;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a logged response body says: model, id, finish reasons, usage, content-filter results and
 * the generated text. Reads JSON bodies (Chat Completions, Completions, Embeddings, Responses API,
 * errors) and server-sent-event streams, whole or cut.
 */
final class ResponseFacts {
  String model;
  String id;
  String serviceTier;
  final Set<String> finishReasons = new LinkedHashSet<>();
  final Set<String> contentFilter = new LinkedHashSet<>();
  TokenUsage reported;
  String errorCode;
  boolean stream;
  boolean complete;
  private final StringBuilder output = new StringBuilder();

  /**
   * Values no response fact comes from: embedding vectors (most of an embeddings response) and log
   * probabilities. Passed over rather than built into trees of numbers.
   */
  private static final Set<String> UNREAD = Set.of("embedding", "logprobs");

  private ResponseFacts() {}

  static ResponseFacts read(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    ResponseFacts f = new ResponseFacts();
    String t = body.stripLeading();
    if (t.startsWith("data:") || t.startsWith("event:") || t.startsWith(":")) {
      f.readStream(t);
    } else {
      PartialJson.Result r = PartialJson.parse(t, UNREAD);
      f.complete = r.complete();
      if (r.node() != null && r.node().isObject()) {
        JsonNode n = r.node();
        JsonNode inner = n.get("response");
        String type = Json.text(n, "type");
        // one logged event (Realtime response.done, Responses response.completed): its response
        boolean event = type != null && type.startsWith("response.") && inner != null;
        f.readObject(event && inner.isObject() ? inner : n, r.complete());
      }
    }
    ContentFilters.markUnspecified(
        Outcomes.isContentFilterCode(f.errorCode), ContentFilters.PROMPT, f.contentFilter);
    ContentFilters.markUnspecified(
        f.finishReasons.contains(ErrorType.CONTENT_FILTER.wireName()),
        ContentFilters.COMPLETION,
        f.contentFilter);
    return f;
  }

  String outputText() {
    return output.toString();
  }

  private void readStream(String body) {
    stream = true;
    // Line by line without String.split: a regex per stream was a measurable share of the CPU
    // (bench/README.md).
    int from = 0;
    while (from < body.length()) {
      int nl = body.indexOf('\n', from);
      int end = nl < 0 ? body.length() : nl;
      int stop = nl >= 0 && end > from && body.charAt(end - 1) == '\r' ? end - 1 : end;
      if (body.startsWith("data:", from)) {
        readEvent(body.substring(from + 5, stop).strip());
      }
      from = end + 1;
    }
  }

  private void readEvent(String payload) {
    if (payload.equals("[DONE]")) {
      complete = true;
      return;
    }
    PartialJson.Result r = PartialJson.parse(payload, UNREAD);
    if (r.node() == null || !r.node().isObject()) {
      return;
    }
    JsonNode chunk = r.node();
    JsonNode response = chunk.get("response");
    if (response != null && response.isObject()) {
      // Responses API stream: response.completed carries the whole response, text included.
      if ("response.completed".equals(Json.text(chunk, "type"))) {
        complete = true;
        output.setLength(0);
      }
      readObject(response, r.complete());
      return;
    }
    String type = Json.text(chunk, "type");
    if (type != null && type.endsWith(".delta") && chunk.path("delta").isTextual()) {
      output.append(chunk.get("delta").asText());
      return;
    }
    readObject(chunk, r.complete());
  }

  /**
   * @param whole whether {@code n} was read from a complete document; from a cut one, a usage
   *     object counts only when it got as far as {@code total_tokens} (its last field), so that a
   *     usage cut short is not taken for the whole of it
   */
  private void readObject(JsonNode n, boolean whole) {
    String m = Json.text(n, "model");
    if (m != null) {
      model = m;
    }
    String i = Json.text(n, "id");
    if (i != null) {
      id = i;
    }
    String tier = Json.text(n, "service_tier");
    if (tier != null) {
      serviceTier = tier;
    }
    JsonNode usage = n.get("usage");
    if (usage != null && usage.isObject() && (whole || Json.field(usage, "total_tokens") != null)) {
      reported = ReportedUsage.read(usage);
    }
    ContentFilters.collectPrompt(n, contentFilter);
    JsonNode choices = n.get("choices");
    ContentFilters.collectCompletion(choices, contentFilter);
    if (choices != null && choices.isArray()) {
      for (JsonNode c : choices) {
        String fr = Json.text(c, "finish_reason");
        if (fr != null) {
          finishReasons.add(fr);
        }
        JsonNode msg = c.has("delta") ? c.get("delta") : c.get("message");
        if (msg != null) {
          appendText(Texts.contentText(msg.get("content")));
          appendText(Texts.toolCallsText(msg.get("tool_calls")));
          appendText(Json.text(msg, "refusal"));
        }
        appendText(Json.text(c, "text"));
      }
    }
    JsonNode out = n.get("output");
    if (out != null && out.isArray()) {
      for (JsonNode item : out) {
        if (!"reasoning".equals(Json.text(item, "type"))) {
          StringBuilder b = new StringBuilder();
          Texts.appendAll(item, b);
          appendText(b.toString());
        }
      }
      String status = Json.text(n, "status");
      String reason = Json.text(n.path("incomplete_details"), "reason");
      if (reason != null) {
        finishReasons.add(reason);
      } else if (status != null && !status.equals("in_progress")) {
        finishReasons.add(status);
      }
    }
    JsonNode error = n.get("error");
    if (error != null && error.isObject()) {
      readError(error);
    } else if (Json.field(n, "innererror") != null) {
      readError(n); // an error logged without its {"error": ...} wrapper
    }
  }

  private void readError(JsonNode error) {
    errorCode = Json.text(error, "code");
    if (errorCode == null
        && "ResponsibleAIPolicyViolation"
            .equalsIgnoreCase(Json.text(Json.field(error, "innererror"), "code"))) {
      errorCode = ErrorType.CONTENT_FILTER.wireName();
    }
    ContentFilters.collectError(error, contentFilter);
  }

  private void appendText(String s) {
    if (s != null && !s.isEmpty()) {
      output.append(s);
    }
  }
}
