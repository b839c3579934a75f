package dev.tollgate.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.enrich.ApiRoute;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds APIM GatewayLogs records shaped as a diagnostic setting streams them to Event Hub:
 * camelCase top level, {@code properties} an object, and the logged bodies as JSON <em>strings</em>
 * (escaped JSON text), cut at the configured byte limit when asked. Sizes are the full body's UTF-8
 * length, as APIM reports the size of the whole message even when the logged copy is cut.
 */
public final class ApimRecord {
  public static final String GATEWAY = "https://contoso-gw.azure-api.net";
  public static final String BACKEND = "https://contoso-aoai.openai.azure.com";
  public static final String RESOURCE_ID =
      "/SUBSCRIPTIONS/8F2C1A4E-0B7D-4C61-9E35-2A6B9C0D1E2F/RESOURCEGROUPS/RG-AI-GATEWAY"
          + "/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/CONTOSO-GW";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode top = NODES.objectNode();
  private final ObjectNode props = NODES.objectNode();
  private String requestBody;
  private String responseBody;
  private Integer cutAt;

  private ApimRecord() {}

  /**
   * An Azure OpenAI call through the gateway.
   *
   * @param pathAndQuery e.g. {@code /openai/deployments/gpt-4o/chat/completions?api-version=...}
   */
  public static ApimRecord call(
      String pathAndQuery, String requestBody, String responseBody, int status) {
    ApimRecord r = new ApimRecord();
    r.requestBody = requestBody;
    r.responseBody = responseBody;
    r.top.put("time", "2025-07-01T12:00:01.1234567Z");
    r.top.put("resourceId", RESOURCE_ID);
    r.top.put("operationName", "Microsoft.ApiManagement/GatewayLogs");
    r.top.put("category", "GatewayLogs");
    r.top.put("durationMs", 1200);
    r.top.put("callerIpAddress", "203.0.113.42");
    r.top.put("correlationId", "00000000-0000-4000-8000-000000000001");
    r.top.put("location", "Sweden Central");
    r.top.put("isRequestSuccess", status < 400);
    r.top.put("resultType", status < 400 ? "Succeeded" : "Failed");
    r.top.put("Level", 4);
    r.top.put("Sku", "Standard");
    r.top.put("DeploymentVersion", "0.52.19815.0");
    r.props.put("method", "POST");
    r.props.put("url", GATEWAY + pathAndQuery);
    r.props.put("backendMethod", "POST");
    r.props.put("backendUrl", BACKEND + pathAndQuery);
    r.props.put("responseCode", status);
    r.props.put("backendResponseCode", status);
    r.props.put("cache", "none");
    r.props.put("clientTime", 12);
    r.props.put("backendTime", 1150);
    r.props.put("clientProtocol", "HTTP/1.1");
    r.props.put("backendProtocol", "HTTP/1.1");
    r.props.put("clientTlsVersion", "1.3");
    r.props.put("apiId", "azure-openai");
    r.props.put("apiRevision", "1");
    r.props.put("operationId", operationId(pathAndQuery));
    r.props.put("apimSubscriptionId", "team-a");
    r.props.put("productId", "ai-standard");
    r.props.put("userId", "1");
    r.props.put("backendId", "aoai-swedencentral");
    return r;
  }

  private static String operationId(String path) {
    ApiRoute route = ApiRoute.parse(path);
    if (route == null) {
      return "unknown";
    }
    return switch (route.api()) {
      case "chat_completions" -> "ChatCompletions_Create";
      case "responses" -> "createResponse";
      case "embeddings" -> "embeddings_create";
      case "completions" -> "Completions_Create";
      default -> route.api();
    };
  }

  public ApimRecord time(String time) {
    top.put("time", time);
    return this;
  }

  public ApimRecord correlationId(String id) {
    top.put("correlationId", id);
    return this;
  }

  public ApimRecord durationMs(long ms) {
    top.put("durationMs", ms);
    return this;
  }

  public ApimRecord backendTime(long ms) {
    props.put("backendTime", ms);
    return this;
  }

  public ApimRecord subscription(String id) {
    props.put("apimSubscriptionId", id);
    return this;
  }

  public ApimRecord callerIp(String ip) {
    top.put("callerIpAddress", ip);
    return this;
  }

  /** Sets any top-level field. */
  public ApimRecord top(String name, JsonNode value) {
    top.set(name, value);
    return this;
  }

  /** Sets any field of {@code properties}. */
  public ApimRecord prop(String name, JsonNode value) {
    props.set(name, value);
    return this;
  }

  public ApimRecord prop(String name, String value) {
    props.put(name, value);
    return this;
  }

  /** APIM's "number of bytes of request/response body to log" setting (8,192 is usual). */
  public ApimRecord logBodiesUpTo(int characters) {
    this.cutAt = characters;
    return this;
  }

  public ObjectNode node() {
    ObjectNode t = top.deepCopy();
    ObjectNode p = props.deepCopy();
    if (requestBody != null) {
      p.put("requestSize", requestBody.getBytes(StandardCharsets.UTF_8).length);
      p.put("requestBody", cut(requestBody));
    }
    if (responseBody != null) {
      p.put("responseSize", responseBody.getBytes(StandardCharsets.UTF_8).length);
      p.put("responseBody", cut(responseBody));
    }
    t.set("properties", p);
    return t;
  }

  public String json() {
    return node().toString();
  }

  private String cut(String body) {
    return cutAt == null || body.length() <= cutAt ? body : body.substring(0, cutAt);
  }

  /** The same record with {@code properties} serialized to a JSON string, as some pipelines do. */
  public static ObjectNode propertiesAsString(ObjectNode record) {
    ObjectNode copy = record.deepCopy();
    copy.put("properties", copy.get("properties").toString());
    return copy;
  }

  /** The same record with PascalCase names at the top level and in {@code properties}. */
  public static ObjectNode pascalCase(ObjectNode record) {
    ObjectNode out = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = record.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (e.getKey().equals("properties") && v.isObject()) {
        v = renameKeys((ObjectNode) v);
      }
      out.set(pascal(e.getKey()), v.deepCopy());
    }
    return out;
  }

  private static ObjectNode renameKeys(ObjectNode o) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(pascal(e.getKey()), e.getValue()));
    ObjectNode out = NODES.objectNode();
    m.forEach(out::set);
    return out;
  }

  private static String pascal(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A GatewayLlmLogs record (table ApiManagementGatewayLlmLog) for the same call. */
  public static ObjectNode llmLog(String correlationId, long prompt, long completion) {
    ObjectNode t = NODES.objectNode();
    t.put("time", "2025-07-01T12:00:01.2000000Z");
    t.put("resourceId", RESOURCE_ID);
    t.put("operationName", "Microsoft.ApiManagement/GatewayLlmLogs");
    t.put("category", "GatewayLlmLogs");
    t.put("correlationId", correlationId);
    t.put("location", "Sweden Central");
    ObjectNode p = t.putObject("properties");
    p.put("apiVersion", "2024-10-21");
    p.put("deploymentName", "gpt-4o");
    p.put("modelName", "gpt-4o-2024-08-06");
    p.put("operationName", "ChatCompletions_Create");
    p.put("region", "Sweden Central");
    p.put("requestId", "chatcmpl-BVz1q3N0x2Rk8yTfLhJm4WcD7eAs");
    p.put("promptTokens", prompt);
    p.put("completionTokens", completion);
    p.put("totalTokens", prompt + completion);
    p.put("isStreamCompletion", false);
    p.put("sequenceNumber", 0);
    return t;
  }
}
