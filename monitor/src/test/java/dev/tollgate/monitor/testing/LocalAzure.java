package dev.tollgate.monitor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local https stand-in for the Azure APIs the jobs call, answering in the shapes of Microsoft's
 * examples (src/test/resources/reference, see SOURCES.md): the data-plane {@code metrics:getBatch}
 * (MetricBatchExample.json: values → value → timeseries → metadatavalues/data; minutes without data
 * carry only a timeStamp, i.e. null aggregates), per-metric errors inside a 200
 * (GetMetricError.json: errorCode + errorMessage, empty timeseries), ARM metric definitions,
 * accounts and deployments, and scripted 429s with Retry-After.
 */
public final class LocalAzure implements AutoCloseable {
  /** What the platform "really" measured: null = no data that minute. */
  public interface Truth {
    Double total(String resourceId, String metric, Instant minute, Map<String, String> dims);
  }

  /** One deployment: its dimension values in the metrics and its ARM description. */
  public record Deployment(
      String name,
      String model,
      String version,
      String sku,
      long capacity,
      List<String> statuses) {}

  /** One account. {@code metrics}: metric name → its dimension names. */
  public record AccountSpec(
      String resourceId,
      String location,
      String kind,
      Map<String, List<String>> metrics,
      List<Deployment> deployments) {}

  /** A recorded request. */
  public record Request(String method, String path, Map<String, String> query, String body) {}

  private final HttpsServer server;
  private final ExecutorService executor;
  private final Map<String, AccountSpec> accounts = new ConcurrentHashMap<>();
  private final Deque<Integer> throttles = new ArrayDeque<>();
  private final Deque<JsonNode> rawAnswers = new ArrayDeque<>();
  private final Map<String, Integer> metricErrors = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, JsonNode> armResources = new ConcurrentHashMap<>();
  private final List<String> forbidden = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Truth truth = (r, m, t, d) -> null;

  private LocalAzure() throws IOException {
    server =
        HttpsServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(LocalTls.get().serverContext()));
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "local-azure");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static LocalAzure start() throws IOException {
    return new LocalAzure();
  }

  public String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  public LocalAzure account(AccountSpec spec) {
    accounts.put(spec.resourceId().toLowerCase(Locale.ROOT), spec);
    return this;
  }

  public LocalAzure truth(Truth truth) {
    this.truth = truth;
    return this;
  }

  /** The next getBatch call answers 429 with this Retry-After (seconds). */
  public synchronized LocalAzure throttleNext(int retryAfterSeconds) {
    throttles.add(retryAfterSeconds);
    return this;
  }

  /** The next {@code times} answers give this metric of this resource an errorCode. */
  public LocalAzure failMetric(String resourceId, String metric, int times) {
    metricErrors.put(key(resourceId, metric), times);
    return this;
  }

  /** Requests to paths under this prefix are answered 403 (this identity lacks a role). */
  public LocalAzure forbid(String pathPrefix) {
    forbidden.add(normalize(pathPrefix).toLowerCase(Locale.ROOT));
    return this;
  }

  /** An arbitrary ARM resource answered at its id (diagnostic settings and the like). */
  public LocalAzure armResource(String path, JsonNode body) {
    armResources.put(normalize(path).toLowerCase(Locale.ROOT), body);
    return this;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<Request> batchRequests() {
    return requests().stream().filter(r -> r.path().endsWith("metrics:getBatch")).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ handling

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      // A request line of "//subscriptions/..." (the metrics SDK's) parses as an authority.
      java.net.URI uri = ex.getRequestURI();
      String raw =
          uri.getScheme() == null && uri.getRawAuthority() != null
              ? "/" + uri.getRawAuthority() + uri.getRawPath()
              : uri.getRawPath();
      String path = normalize(URLDecoder.decode(raw, StandardCharsets.UTF_8));
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(ex.getRequestMethod(), path, query, body));
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.startsWith("Bearer ")) {
        send(ex, 401, error("AuthenticationFailed", "no bearer token"), Map.of());
        return;
      }
      String lower = path.toLowerCase(Locale.ROOT);
      for (String f : forbidden) {
        if (lower.startsWith(f)) {
          send(
              ex,
              403,
              error("AuthorizationFailed", "the client does not have authorization"),
              Map.of());
          return;
        }
      }
      if (ex.getRequestMethod().equals("POST") && lower.endsWith("/metrics:getbatch")) {
        Integer throttle;
        synchronized (this) {
          throttle = throttles.poll();
        }
        JsonNode verbatim;
        synchronized (this) {
          verbatim = throttle == null ? rawAnswers.poll() : null;
        }
        if (verbatim != null) {
          send(ex, 200, verbatim, Map.of());
          return;
        }
        if (throttle != null) {
          send(
              ex,
              429,
              error("TooManyRequests", "throttled"),
              Map.of("Retry-After", String.valueOf(throttle)));
          return;
        }
        send(ex, 200, batch(query, Json.MAPPER.readTree(body)), Map.of());
      } else if (lower.endsWith("/providers/microsoft.insights/metricdefinitions")) {
        AccountSpec a =
            accounts.get(lower.substring(0, lower.indexOf("/providers/microsoft.insights")));
        if (a == null) {
          send(ex, 404, error("ResourceNotFound", "no such resource"), Map.of());
        } else {
          send(ex, 200, definitions(a), Map.of());
        }
      } else if (lower.endsWith("/deployments")
          && accounts.containsKey(lower.substring(0, lower.length() - 12))) {
        send(ex, 200, deployments(accounts.get(lower.substring(0, lower.length() - 12))), Map.of());
      } else if (accounts.containsKey(lower)) {
        send(ex, 200, accountJson(accounts.get(lower)), Map.of());
      } else if (lower.endsWith("/providers/microsoft.cognitiveservices/accounts")) {
        ArrayNode value = Json.MAPPER.createArrayNode();
        String prefix = lower.substring(0, lower.indexOf("/providers/"));
        for (AccountSpec a : accounts.values()) {
          if (a.resourceId().toLowerCase(Locale.ROOT).startsWith(prefix + "/")) {
            value.add(accountJson(a));
          }
        }
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.set("value", value);
        send(ex, 200, page, Map.of());
      } else if (armResources.containsKey(lower)) {
        send(ex, 200, armResources.get(lower), Map.of());
      } else {
        send(ex, 404, error("ResourceNotFound", "nothing at " + path), Map.of());
      }
    } catch (RuntimeException e) {
      send(ex, 500, error("InternalError", String.valueOf(e)), Map.of());
    }
  }

  /** The next getBatch call is answered with this body as is. */
  public synchronized LocalAzure answerNextBatch(JsonNode body) {
    rawAnswers.add(body);
    return this;
  }

  /** The answer a getBatch call with these query parameters and body gets. */
  public ObjectNode batch(Map<String, String> q, JsonNode body) {
    Instant start = java.time.OffsetDateTime.parse(q.get("starttime")).toInstant();
    Instant end = java.time.OffsetDateTime.parse(q.get("endtime")).toInstant();
    List<String> metrics = List.of(q.get("metricnames").split(","));
    List<String> split = new ArrayList<>();
    String filter = q.get("filter");
    if (filter != null) {
      for (String part : filter.split(" and ")) {
        split.add(part.strip().split(" ")[0]);
      }
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode values = root.putArray("values");
    for (JsonNode idNode : body.path("resourceids")) {
      String id = idNode.asText();
      AccountSpec a = accounts.get(normalize(id).toLowerCase(Locale.ROOT));
      ObjectNode item = values.addObject();
      item.put("starttime", start.toString());
      item.put("endtime", end.toString());
      item.put("interval", "PT1M");
      ArrayNode value = item.putArray("value");
      for (String m : metrics) {
        ObjectNode metric = value.addObject();
        metric.put("id", normalize(id) + "/providers/Microsoft.Insights/metrics/" + m);
        metric.put("type", "Microsoft.Insights/metrics");
        ObjectNode name = metric.putObject("name");
        name.put("value", m);
        name.put("localizedValue", m);
        metric.put("displayDescription", m + " of the account");
        metric.put("unit", "Count");
        ArrayNode timeseries = metric.putArray("timeseries");
        Integer left = metricErrors.get(key(id, m));
        if (a == null || !a.metrics().containsKey(m) || (left != null && left > 0)) {
          if (left != null && left > 0) {
            metricErrors.put(key(id, m), left - 1);
          }
          metric.put("errorMessage", "Metric " + m + " could not be read for this period.");
          metric.put("errorCode", "InternalServerError");
          continue;
        }
        for (Map.Entry<Map<String, String>, List<Map<String, String>>> s :
            series(a, m, split).entrySet()) {
          ObjectNode ts = timeseries.addObject();
          ArrayNode meta = ts.putArray("metadatavalues");
          s.getKey()
              .forEach(
                  (k, v) -> {
                    ObjectNode mv = meta.addObject();
                    ObjectNode n = mv.putObject("name");
                    n.put("value", k.toLowerCase(Locale.ROOT));
                    n.put("localizedValue", k.toLowerCase(Locale.ROOT));
                    mv.put("value", v);
                  });
          ArrayNode data = ts.putArray("data");
          for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
            ObjectNode point = data.addObject();
            point.put("timeStamp", t.toString());
            double sum = 0;
            int n = 0;
            for (Map<String, String> full : s.getValue()) {
              Double v = truth.total(a.resourceId(), m, t, full);
              if (v != null) {
                sum += v;
                n++;
              }
            }
            if (n > 0) {
              point.put("average", sum / n);
              point.put("minimum", sum / n);
              point.put("maximum", sum / n);
              point.put("total", sum);
              point.put("count", (double) n);
            }
          }
        }
        metric.put("errorCode", "Success");
      }
      item.put("namespace", "microsoft.cognitiveservices/accounts");
      item.put("resourceregion", a == null ? "unknown" : a.location());
      item.put("resourceid", normalize(id));
    }
    return root;
  }

  /** The series of a metric split by the given dimensions: projection → full dimension sets. */
  private static Map<Map<String, String>, List<Map<String, String>>> series(
      AccountSpec a, String metric, List<String> split) {
    Map<Map<String, String>, List<Map<String, String>>> out = new LinkedHashMap<>();
    List<String> has = a.metrics().get(metric);
    for (Deployment d : a.deployments()) {
      List<String> statuses = has.contains("StatusCode") ? d.statuses() : List.of("");
      for (String status : statuses) {
        Map<String, String> full = new TreeMap<>();
        full.put("ModelDeploymentName", d.name());
        full.put("ModelName", d.model());
        full.put("ModelVersion", d.version());
        if (!status.isEmpty()) {
          full.put("StatusCode", status);
        }
        Map<String, String> projection = new TreeMap<>();
        for (String s : split) {
          if (full.containsKey(s) && has.contains(s)) {
            projection.put(s, full.get(s));
          }
        }
        out.computeIfAbsent(projection, k -> new ArrayList<>()).add(full);
      }
    }
    return out;
  }

  private static ObjectNode definitions(AccountSpec a) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode value = root.putArray("value");
    a.metrics()
        .forEach(
            (m, dims) -> {
              ObjectNode d = value.addObject();
              d.put("id", a.resourceId() + "/providers/microsoft.insights/metricdefinitions/" + m);
              d.put("resourceId", a.resourceId());
              d.put("namespace", "Microsoft.CognitiveServices/accounts");
              ObjectNode name = d.putObject("name");
              name.put("value", m);
              name.put("localizedValue", m);
              d.put("isDimensionRequired", false);
              d.put("unit", "Count");
              boolean average =
                  m.contains("Time") || m.contains("Utilization") || m.contains("Rate");
              d.put("primaryAggregationType", average ? "Average" : "Total");
              ArrayNode aggs = d.putArray("supportedAggregationTypes");
              for (String s : List.of("None", "Average", "Minimum", "Maximum", "Total", "Count")) {
                aggs.add(s);
              }
              ArrayNode avail = d.putArray("metricAvailabilities");
              ObjectNode one = avail.addObject();
              one.put("timeGrain", "PT1M");
              one.put("retention", "P93D");
              ArrayNode dimensions = d.putArray("dimensions");
              for (String dim : dims) {
                ObjectNode dn = dimensions.addObject();
                dn.put("value", dim);
                dn.put("localizedValue", dim);
              }
            });
    return root;
  }

  private static ObjectNode accountJson(AccountSpec a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", a.resourceId());
    n.put("name", a.resourceId().substring(a.resourceId().lastIndexOf('/') + 1));
    n.put("type", "Microsoft.CognitiveServices/accounts");
    n.put("location", a.location());
    n.put("kind", a.kind());
    n.putObject("sku").put("name", "S0");
    n.putObject("properties").put("provisioningState", "Succeeded");
    return n;
  }

  private static ObjectNode deployments(AccountSpec a) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode value = root.putArray("value");
    for (Deployment d : a.deployments()) {
      ObjectNode n = value.addObject();
      n.put("id", a.resourceId() + "/deployments/" + d.name());
      n.put("name", d.name());
      n.put("type", "Microsoft.CognitiveServices/accounts/deployments");
      ObjectNode sku = n.putObject("sku");
      sku.put("name", d.sku());
      sku.put("capacity", d.capacity());
      ObjectNode props = n.putObject("properties");
      ObjectNode model = props.putObject("model");
      model.put("format", "OpenAI");
      model.put("name", d.model());
      model.put("version", d.version());
      props.put("provisioningState", "Succeeded");
    }
    return root;
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return root;
  }

  private static void send(HttpExchange ex, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static String normalize(String path) {
    String p = path;
    while (p.startsWith("//")) {
      p = p.substring(1);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String key(String resourceId, String metric) {
    return normalize(resourceId).toLowerCase(Locale.ROOT) + "|" + metric.toLowerCase(Locale.ROOT);
  }
}
