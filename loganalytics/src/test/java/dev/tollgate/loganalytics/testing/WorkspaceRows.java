package dev.tollgate.loganalytics.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Query API answers in the shape of {@code queries/llm-requests-workspace.kql}: its columns and
 * types, and rows of LLM calls, as the service sends them (empty strings for missing text, nulls
 * for missing numbers).
 */
public final class WorkspaceRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Column name and Kusto type, in the query's order. */
  public static final List<String[]> COLUMNS =
      List.of(
          new String[] {"time", "datetime"},
          new String[] {"tollgate.item_id", "string"},
          new String[] {"correlation_id", "string"},
          new String[] {"apim.subscription_id", "string"},
          new String[] {"apim.product_id", "string"},
          new String[] {"apim.api_id", "string"},
          new String[] {"azure.openai.deployment", "string"},
          new String[] {"gen_ai.operation.name", "string"},
          new String[] {"gen_ai.request.model", "string"},
          new String[] {"gen_ai.response.model", "string"},
          new String[] {"gen_ai.usage.input_tokens", "long"},
          new String[] {"gen_ai.usage.output_tokens", "long"},
          new String[] {"gen_ai.usage.cache_read.input_tokens", "long"},
          new String[] {"gen_ai.usage.reasoning.output_tokens", "long"},
          new String[] {"tollgate.usage.source", "string"},
          new String[] {"tollgate.cost.usd", "real"},
          new String[] {"tollgate.cost.status", "string"},
          new String[] {"http.response.status_code", "int"},
          new String[] {"error.type", "string"},
          new String[] {"tollgate.duration_ms", "real"},
          new String[] {"client.address", "string"},
          new String[] {"item_count", "long"});

  private WorkspaceRows() {}

  /**
   * One call: time, item id, team, deployment, response model, input and output tokens, cost (null:
   * unpriced), error type (empty: none); the rest typical.
   */
  public static List<Object> call(
      String time,
      String itemId,
      String team,
      String deployment,
      String model,
      long input,
      long output,
      Double cost,
      String errorType) {
    return new ArrayList<>(
        Arrays.asList(
            time,
            itemId,
            itemId.replace("req:", ""),
            team,
            "gold",
            "azure-openai",
            deployment,
            "chat",
            deployment,
            model,
            input,
            output,
            0L,
            0L,
            "reported",
            cost,
            cost == null ? "no_usage" : "priced",
            errorType.isEmpty() ? 200 : 429,
            errorType,
            812.5,
            "10.0.0.0",
            1L));
  }

  /** A complete answer with these rows. */
  public static String body(List<List<Object>> rows) {
    return JSON.valueToTree(table(rows)).toString();
  }

  /** A partial answer: these rows and the service's error. */
  public static String partialBody(List<List<Object>> rows, String innerMessage) {
    ObjectNode root = table(rows);
    ObjectNode error = root.putObject("error");
    error.put("code", "PartialError");
    error.put("message", "There were some errors when processing your query.");
    ObjectNode detail = error.putArray("details").addObject();
    detail.put("code", "EngineError");
    detail.put("message", innerMessage);
    return root.toString();
  }

  private static ObjectNode table(List<List<Object>> rows) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode t = root.putArray("tables").addObject();
    t.put("name", "PrimaryResult");
    ArrayNode cols = t.putArray("columns");
    for (String[] c : COLUMNS) {
      cols.addObject().put("name", c[0]).put("type", c[1]);
    }
    ArrayNode rs = t.putArray("rows");
    for (List<Object> r : rows) {
      rs.add(JSON.valueToTree(r));
    }
    return root;
  }
}
