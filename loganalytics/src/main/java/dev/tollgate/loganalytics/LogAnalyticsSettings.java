package dev.tollgate.loganalytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app settings of the Log Analytics poller, by name, and the {@link PollerConfig} they make.
 */
public final class LogAnalyticsSettings {
  /** The Log Analytics workspace id (GUID) the poller queries; the poller is off without it. */
  public static final String WORKSPACE_ID = "TOLLGATE_LA_WORKSPACE_ID";

  /**
   * NCRONTAB schedule of the poller timer, read by the host as %...%, e.g. {@code 0 0/15 * * * *}
   * (every 15 minutes: match {@link #WINDOW}).
   */
  public static final String SCHEDULE = "TOLLGATE_LA_SCHEDULE";

  /** Comma-separated query file names from {@code queries/} (workspace scope). */
  public static final String QUERIES = "TOLLGATE_LA_QUERIES";

  /** The span each poll covers (ISO-8601, default PT15M); set the timer's period to match. */
  public static final String WINDOW = "TOLLGATE_LA_WINDOW";

  /** How far behind now a window ends, for ingestion latency (ISO-8601, default PT10M). */
  public static final String DELAY = "TOLLGATE_LA_DELAY";

  /** Parameter values per query, JSON: {@code {"file.kql": {"name": "value"}}}. */
  public static final String PARAMETERS = "TOLLGATE_LA_PARAMETERS";

  /** Logs query endpoint for other clouds (default https://api.loganalytics.io/v1). */
  public static final String ENDPOINT = "TOLLGATE_LA_ENDPOINT";

  /** How long the service may run one query (ISO-8601, default PT2M, at most PT10M). */
  public static final String SERVER_TIMEOUT = "TOLLGATE_LA_SERVER_TIMEOUT";

  /** The longest Retry-After waited for once when throttled (ISO-8601, default PT1M). */
  public static final String MAX_RETRY_AFTER = "TOLLGATE_LA_MAX_RETRY_AFTER";

  /** The queries polled when {@link #QUERIES} is not set: APIM's own logs. */
  public static final List<String> DEFAULT_QUERIES =
      List.of("llm-log-usage.kql", "apim-throttling-by-subscription.kql");

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogAnalyticsSettings() {}

  /** True when the workspace id is set, i.e. the poller should run. */
  public static boolean enabled(Map<String, String> env) {
    return blankToNull(env.get(WORKSPACE_ID)) != null;
  }

  /**
   * The poller's configuration from settings.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static PollerConfig config(Map<String, String> env) {
    String workspace = blankToNull(env.get(WORKSPACE_ID));
    if (workspace == null) {
      throw new IllegalArgumentException(WORKSPACE_ID + " is not set");
    }
    List<String> queries = new ArrayList<>();
    String list = blankToNull(env.get(QUERIES));
    if (list == null) {
      queries.addAll(DEFAULT_QUERIES);
    } else {
      for (String q : list.split(",")) {
        if (!q.isBlank()) {
          queries.add(q.strip());
        }
      }
      if (queries.isEmpty()) {
        throw new IllegalArgumentException(QUERIES + " names no query");
      }
    }
    try {
      return new PollerConfig(
          workspace,
          queries,
          duration(env, WINDOW, Duration.ofMinutes(15)),
          duration(env, DELAY, Duration.ofMinutes(10)),
          parameters(env.get(PARAMETERS)),
          duration(env, MAX_RETRY_AFTER, Duration.ofMinutes(1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Tollgate setting: " + e.getMessage(), e);
    }
  }

  /** The server timeout setting (default two minutes). */
  public static Duration serverTimeout(Map<String, String> env) {
    Duration d = duration(env, SERVER_TIMEOUT, Duration.ofMinutes(2));
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(SERVER_TIMEOUT + " must be between PT1S and PT10M");
    }
    return d;
  }

  /** The endpoint setting, or null for the public cloud. */
  public static String endpoint(Map<String, String> env) {
    return blankToNull(env.get(ENDPOINT));
  }

  static Map<String, Map<String, String>> parameters(String json) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (blankToNull(json) == null) {
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(PARAMETERS + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          PARAMETERS + " must be a JSON object: {\"file.kql\": {\"parameter\": \"value\"}}");
    }
    for (Map.Entry<String, JsonNode> q : root.properties()) {
      if (!q.getValue().isObject()) {
        throw new IllegalArgumentException(
            PARAMETERS + ": the value of \"" + q.getKey() + "\" must be an object of parameters");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> p : q.getValue().properties()) {
        JsonNode v = p.getValue();
        // Objects and arrays are dynamic values: keep them as JSON text.
        values.put(p.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
      }
      out.put(q.getKey(), values);
    }
    return out;
  }

  private static Duration duration(Map<String, String> env, String name, Duration dflt) {
    String v = blankToNull(env.get(name));
    if (v == null) {
      return dflt;
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT15M, not '" + v + "'", e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
