package dev.tollgate.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference bodies (src/test/resources/reference, see SOURCES.md there) and the hand-written
 * ones (src/test/resources/bodies), as the text APIM would log: compact JSON for bodies a client or
 * the service sends compact, the recorded wire text where a recording has it.
 */
public final class Samples {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static final String CHAT_EXAMPLE =
      "reference/azure-rest-api-specs/AzureOpenAI/inference/stable-2024-10-21/chat_completions.json";
  public static final String SESSION_RECORD =
      "reference/azure-sdk-for-java/session-records/OpenAIClientTest.getChatCompletions[1].json";
  public static final String REASONING =
      "reference/openai-dotnet/SessionRecords/ChatTests/ReasoningTokensWork.json";
  public static final String PROMPT_CACHING =
      "reference/microsoft-docs/azure-openai-prompt-caching-usage-sample.json";
  public static final String CONTENT_FILTER_ANNOTATIONS =
      "reference/microsoft-docs/azure-openai-content-filter-annotations-output.json";
  public static final String ASYNC_FILTER_STREAM =
      "reference/semantic-kernel/azure-openai-sse/chat_completion_streaming_async_filter_response.txt";
  public static final String GATEWAY_LOGS_SAMPLE =
      "reference/microsoft-docs/apim-gatewaylogs-sample-entry.json";

  private Samples() {}

  /** Chat Completions REST example: the request body (two messages, 33 prompt tokens). */
  public static String chatExampleRequest() {
    return Resources.json(CHAT_EXAMPLE).at("/parameters/body").toString();
  }

  /** Chat Completions REST example: the 200 body (557 completion tokens). */
  public static String chatExampleResponse() {
    return chatExampleResponseNode().toString();
  }

  public static ObjectNode chatExampleResponseNode() {
    return (ObjectNode) Resources.json(CHAT_EXAMPLE).at("/responses/200/body").deepCopy();
  }

  /** The assistant's text of the REST example. */
  public static String chatExampleContent() {
    return chatExampleResponseNode().at("/choices/0/message/content").asText();
  }

  /** azure-sdk-for-java recording: the response body exactly as it came over the wire. */
  public static String sessionRecordResponse() {
    return Resources.json(SESSION_RECORD).at("/networkCallRecords/0/Response/Body").asText();
  }

  /** azure-sdk-for-java recording: path and query of the recorded call. */
  public static String sessionRecordPath() {
    URI uri = URI.create(Resources.json(SESSION_RECORD).at("/networkCallRecords/0/Uri").asText());
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /** openai-dotnet ReasoningTokensWork: the request (o3-mini, one user message). */
  public static String reasoningRequest() {
    return Resources.json(REASONING).at("/Entries/0/RequestBody").toString();
  }

  /** openai-dotnet ReasoningTokensWork: the response (34 / 1075, 192 reasoning). */
  public static String reasoningResponse() {
    return Resources.json(REASONING).at("/Entries/0/ResponseBody").toString();
  }

  /** Prompt-caching docs sample (o1-2024-12-17; 1566 prompt, 1408 cached, 1518 / 576). */
  public static String promptCachingResponse() {
    return Resources.json(PROMPT_CACHING).toString();
  }

  /** Content-filter annotations docs output, verbatim (trailing spaces and all). */
  public static String contentFilterAnnotations() {
    return Resources.text(CONTENT_FILTER_ANNOTATIONS);
  }

  /** semantic-kernel SSE: a gpt-4o stream with async content filtering and no usage chunk. */
  public static String asyncFilterStream() {
    return Resources.text(ASYNC_FILTER_STREAM);
  }

  /** The GatewayLogs sample entry from the APIM docs: a GET of a non-LLM API, invalid time. */
  public static ObjectNode gatewayLogsSample() {
    return Resources.object(GATEWAY_LOGS_SAMPLE);
  }

  public static String body(String name) {
    return Resources.text("bodies/" + name).strip();
  }

  /**
   * A Chat Completions stream of the REST example's answer as Azure OpenAI sends it: a first chunk
   * with the prompt filter results, one chunk per word with its content-filter results, a finish
   * chunk and, when {@code usage} is given ({@code stream_options.include_usage}), the final usage
   * chunk; then {@code [DONE]}.
   */
  public static String parrotStream(String model, boolean withUsage) {
    String id = "chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn";
    long created = 1686676106L;
    List<ObjectNode> chunks = new ArrayList<>();
    ObjectNode first = chunk("", "", 0);
    ObjectNode pf = first.putArray("prompt_filter_results").addObject();
    pf.put("prompt_index", 0);
    pf.set("content_filter_results", safe(true));
    chunks.add(first);
    ObjectNode role = chunk(id, model, created);
    ObjectNode roleChoice = choice(role);
    roleChoice.putObject("delta").put("role", "assistant").put("content", "");
    chunks.add(role);
    Matcher m = Pattern.compile("\\S+\\s*|\\s+").matcher(chatExampleContent());
    while (m.find()) {
      ObjectNode c = chunk(id, model, created);
      ObjectNode ch = choice(c);
      ch.set("content_filter_results", safe(false));
      ch.putObject("delta").put("content", m.group());
      chunks.add(c);
    }
    ObjectNode end = chunk(id, model, created);
    choice(end).put("finish_reason", "stop").putObject("delta");
    chunks.add(end);
    if (withUsage) {
      ObjectNode u = chunk(id, model, created);
      u.putObject("usage")
          .put("completion_tokens", 557)
          .put("prompt_tokens", 33)
          .put("total_tokens", 590);
      chunks.add(u);
    }
    return sse(chunks);
  }

  /** The semantic-kernel stream with a final usage chunk inserted before {@code [DONE]}. */
  public static String asyncFilterStreamWithUsage(long prompt, long completion) {
    ObjectNode u = chunk("chatcmpl-A1FOCU4vamBSxxqjaKcvADYMlwlaC", "gpt-4o-2024-05-13", 1724860848);
    u.put("system_fingerprint", "fp_abc28019ad");
    u.putObject("usage")
        .put("completion_tokens", completion)
        .put("prompt_tokens", prompt)
        .put("total_tokens", prompt + completion);
    String s = asyncFilterStream();
    int done = s.lastIndexOf("data: [DONE]");
    return s.substring(0, done) + "data: " + u + "\n\n" + s.substring(done);
  }

  /** A response body with its {@code usage} removed (what estimation must make up for). */
  public static String withoutUsage(String responseBody) {
    ObjectNode n = (ObjectNode) Resources.parse(responseBody);
    if (n.remove("usage") == null) {
      throw new IllegalArgumentException("the body has no usage to remove");
    }
    return n.toString();
  }

  private static ObjectNode chunk(String id, String model, long created) {
    ObjectNode c = NODES.objectNode();
    c.putArray("choices");
    c.put("created", created);
    c.put("id", id);
    c.put("model", model);
    c.put("object", id.isEmpty() ? "" : "chat.completion.chunk");
    c.putNull("system_fingerprint");
    return c;
  }

  private static ObjectNode choice(ObjectNode chunk) {
    ObjectNode ch = ((ArrayNode) chunk.get("choices")).addObject();
    ch.putNull("finish_reason");
    ch.put("index", 0);
    ch.putNull("logprobs");
    return ch;
  }

  private static ObjectNode safe(boolean prompt) {
    ObjectNode r = NODES.objectNode();
    for (String cat : new String[] {"hate", "self_harm", "sexual", "violence"}) {
      r.putObject(cat).put("filtered", false).put("severity", "safe");
    }
    if (prompt) {
      r.putObject("jailbreak").put("filtered", false).put("detected", false);
    }
    return r;
  }

  private static String sse(List<? extends JsonNode> chunks) {
    StringBuilder b = new StringBuilder();
    for (JsonNode c : chunks) {
      b.append("data: ").append(c).append("\n\n");
    }
    return b.append("data: [DONE]\n\n").toString();
  }
}
