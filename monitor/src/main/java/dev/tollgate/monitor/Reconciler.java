package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.loganalytics.KqlQuery;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.LogsQueryResult;
import dev.tollgate.loganalytics.QueryCatalog;
import dev.tollgate.loganalytics.QueryTimeSpan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Puts, per deployment and window, what Azure OpenAI processed (platform metrics: {@code
 * AzureOpenAIRequests}, {@code ProcessedPromptTokens}, {@code GeneratedTokens}) beside what the
 * gateway path recorded (Tollgate's {@code LlmRequest} events, read back from Log Analytics with
 * {@code queries/reconciliation-gateway-tokens.kql}), and says what a drift most likely means.
 *
 * <p>Verdicts ({@code tollgate.reconciliation.verdict}):
 *
 * <ul>
 *   <li>{@code ok}: tokens agree within the threshold;
 *   <li>{@code bypass_suspected}: the platform saw more calls and tokens than the gateway, in about
 *       the same share: someone calls the deployment around APIM;
 *   <li>{@code gateway_logging_gap}: the gateway recorded nothing at all in the window while the
 *       platform was busy, or the calls agree but their usage is missing (bodies not logged or
 *       cut): the diagnostic setting is off, or its bodies are;
 *   <li>{@code estimates_off}: the calls agree but the tokens do not, and the gateway's figures
 *       rest on estimates (streams without usage, cut bodies, reasoning models), or the gateway
 *       counts more tokens than the platform;
 *   <li>{@code insufficient_data}: too few tokens on both sides to judge;
 *   <li>{@code platform_unavailable}: the platform metrics could not be read.
 * </ul>
 */
public final class Reconciler {
  public static final String EVENT = "TollgateReconciliation";
  public static final String QUERY = "reconciliation-gateway-tokens.kql";
  static final List<String> METRICS =
      List.of("AzureOpenAIRequests", "ProcessedPromptTokens", "GeneratedTokens");

  /** Settings of the comparison. */
  public record Config(Duration window, Duration delay, double threshold, long minTokens) {
    public static Config defaults() {
      return new Config(Duration.ofHours(1), Duration.ofMinutes(20), 0.1, 1000);
    }
  }

  /** One deployment's two sides and the verdict. */
  public record Row(
      String deployment,
      List<String> accounts,
      double platformRequests,
      double platformTokens,
      double gatewayRequests,
      double gatewayBackendRequests,
      double gatewayTokens,
      double gatewayEstimated,
      double gatewayNoUsage,
      double gatewayTruncated,
      Double driftRatio,
      Double requestDriftRatio,
      String verdict) {
    public Row {
      accounts = List.copyOf(accounts);
    }
  }

  /** What one run compared. */
  public record Report(
      Instant windowStart, Instant windowEnd, List<Row> rows, List<String> errors) {
    public Report {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }
  }

  private final Config config;
  private final AccountDirectory accounts;
  private final PlatformMetricsSource platform;
  private final LogsQuery logs;
  private final String workspaceId;
  private final KqlQuery query;

  public Reconciler(
      Config config,
      AccountDirectory accounts,
      PlatformMetricsSource platform,
      LogsQuery logs,
      String workspaceId,
      QueryCatalog catalog) {
    this.config = Objects.requireNonNull(config, "config");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.platform = Objects.requireNonNull(platform, "platform");
    this.logs = Objects.requireNonNull(logs, "logs");
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
    this.query = catalog.get(QUERY);
  }

  /** The window a run at {@code now} compares: aligned to the window length, ended a delay ago. */
  public Instant[] window(Instant now) {
    long len = config.window().toSeconds();
    long end = Math.floorDiv(now.minus(config.delay()).getEpochSecond(), len) * len;
    return new Instant[] {Instant.ofEpochSecond(end - len), Instant.ofEpochSecond(end)};
  }

  private static final class Side {
    double requests;
    double tokens;
    final TreeSet<String> accounts = new TreeSet<>();
    boolean failed;
  }

  /**
   * The whole windows from {@code from} (rounded down to the window grid) up to the one {@link
   * #window(Instant)} gives for {@code now}, oldest first, at most {@code max}.
   */
  public List<Instant[]> windows(Instant from, Instant now, int max) {
    long len = config.window().toSeconds();
    long last = window(now)[1].getEpochSecond();
    List<Instant[]> out = new ArrayList<>();
    for (long s = Math.floorDiv(from.getEpochSecond(), len) * len;
        s + len <= last && out.size() < max;
        s += len) {
      out.add(new Instant[] {Instant.ofEpochSecond(s), Instant.ofEpochSecond(s + len)});
    }
    return out;
  }

  /** Compares the window that ends before {@code now}. */
  public Report run(Instant now) {
    Instant[] w = window(now);
    return compare(w[0], w[1]);
  }

  /** Compares {@code [start, end)}. */
  public Report compare(Instant start, Instant end) {
    List<String> errors = new ArrayList<>();
    Map<String, Side> platformSide = platform(start, end, errors);
    Map<String, Map<String, Object>> gateway = new TreeMap<>();
    String kql = query.render(Map.of("start_time", start.toString(), "end_time", end.toString()));
    LogsQueryResult result = logs.query(workspaceId, kql, new QueryTimeSpan(start, end));
    if (result.partial()) {
      errors.add("the gateway query returned a partial result: " + result.partialError());
    }
    for (Map<String, Object> row : result.rows()) {
      Object d = row.get("deployment");
      if (d != null && !d.toString().isBlank()) {
        gateway.put(d.toString().toLowerCase(Locale.ROOT), row);
      }
    }
    double gatewayTotal = 0;
    for (Map<String, Object> row : gateway.values()) {
      gatewayTotal += number(row.get("requests"));
    }
    TreeSet<String> names = new TreeSet<>(platformSide.keySet());
    names.addAll(gateway.keySet());
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      Side p = platformSide.getOrDefault(name, new Side());
      Map<String, Object> g = gateway.getOrDefault(name, Map.of());
      double gReq = number(g.get("requests"));
      double gBackend =
          g.containsKey("backend_requests") ? number(g.get("backend_requests")) : gReq;
      double gTokens = number(g.get("input_tokens")) + number(g.get("output_tokens"));
      double estimated = number(g.get("estimated_requests"));
      double noUsage = number(g.get("no_usage_requests"));
      double truncated = number(g.get("truncated_requests"));
      Double drift = p.tokens > 0 ? (p.tokens - gTokens) / p.tokens : null;
      Double reqDrift = p.requests > 0 ? (p.requests - gBackend) / p.requests : null;
      String verdict =
          verdict(
              p,
              gReq,
              gBackend,
              gTokens,
              estimated,
              noUsage,
              truncated,
              gatewayTotal,
              drift,
              reqDrift);
      Object display = g.get("deployment");
      rows.add(
          new Row(
              display == null ? name : display.toString(),
              new ArrayList<>(p.accounts),
              p.requests,
              p.tokens,
              gReq,
              gBackend,
              gTokens,
              estimated,
              noUsage,
              truncated,
              drift,
              reqDrift,
              verdict));
    }
    return new Report(start, end, rows, errors);
  }

  String verdict(
      Side p,
      double gReq,
      double gBackend,
      double gTokens,
      double estimated,
      double noUsage,
      double truncated,
      double gatewayTotal,
      Double drift,
      Double reqDrift) {
    if (p.failed) {
      return "platform_unavailable";
    }
    if (p.tokens < config.minTokens() && gTokens < config.minTokens()) {
      return "insufficient_data";
    }
    double t = config.threshold();
    if (drift != null && Math.abs(drift) <= t) {
      return "ok";
    }
    if (gReq == 0) {
      return gatewayTotal == 0 ? "gateway_logging_gap" : "bypass_suspected";
    }
    if (drift == null || drift < 0) {
      // The gateway counts more tokens than Azure OpenAI processed.
      return "estimates_off";
    }
    if (reqDrift != null && reqDrift > t / 2 && reqDrift >= drift * 0.5) {
      return "bypass_suspected";
    }
    double share = gReq > 0 ? (estimated + truncated) / gReq : 0;
    double missing = gReq > 0 ? noUsage / gReq : 0;
    if (missing > share) {
      return "gateway_logging_gap";
    }
    return "estimates_off";
  }

  private Map<String, Side> platform(Instant start, Instant end, List<String> errors) {
    Map<String, Side> out = new TreeMap<>();
    Map<String, List<Account>> groups = new LinkedHashMap<>();
    for (Account a : accounts.accounts()) {
      groups
          .computeIfAbsent(a.subscriptionId() + "|" + a.location(), k -> new ArrayList<>())
          .add(a);
    }
    for (List<Account> group : groups.values()) {
      for (int i = 0; i < group.size(); i += PlatformMetricsSource.MAX_RESOURCES) {
        List<Account> chunk =
            group.subList(i, Math.min(group.size(), i + PlatformMetricsSource.MAX_RESOURCES));
        List<PlatformMetricsSource.Result> results;
        try {
          results =
              platform.query(
                  new PlatformMetricsSource.BatchQuery(
                      chunk.get(0).subscriptionId(),
                      chunk.get(0).location(),
                      PlatformMetrics.NAMESPACE,
                      chunk.stream().map(Account::resourceId).toList(),
                      METRICS,
                      start,
                      end,
                      "ModelDeploymentName eq '*'"));
        } catch (MetricsQueryException e) {
          errors.add("platform metrics of " + chunk.size() + " accounts: " + e.getMessage());
          continue;
        }
        for (PlatformMetricsSource.Result r : results) {
          if (!r.ok()) {
            errors.add(ResourceIds.name(r.resourceId()) + "/" + r.metric() + ": " + r.errorCode());
          }
          boolean requests = r.metric().equalsIgnoreCase("AzureOpenAIRequests");
          for (PlatformMetricsSource.Series s : r.series()) {
            String d = s.dimensions().get("modeldeploymentname");
            if (d == null || d.isBlank()) {
              continue;
            }
            Side side = out.computeIfAbsent(d.toLowerCase(Locale.ROOT), k -> new Side());
            side.accounts.add(ResourceIds.name(r.resourceId()));
            for (PlatformMetricsSource.Point pt : s.points()) {
              if (pt.total() != null && !pt.time().isBefore(start) && pt.time().isBefore(end)) {
                if (requests) {
                  side.requests += pt.total();
                } else {
                  side.tokens += pt.total();
                }
              }
            }
            if (!r.ok()) {
              side.failed = true;
            }
          }
        }
      }
    }
    return out;
  }

  /** The events of a report: one per deployment, stamped with the window's start. */
  public List<AppInsightsPublisher.Event> events(Report report) {
    List<AppInsightsPublisher.Event> out = new ArrayList<>();
    for (Row r : report.rows()) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("azure.openai.deployment", r.deployment());
      p.put("azure.openai.accounts", String.join(",", r.accounts()));
      p.put("tollgate.reconciliation.window_start", report.windowStart().toString());
      p.put("tollgate.reconciliation.window_end", report.windowEnd().toString());
      p.put("tollgate.reconciliation.platform_tokens", plain(r.platformTokens()));
      p.put("tollgate.reconciliation.gateway_tokens", plain(r.gatewayTokens()));
      p.put("tollgate.reconciliation.platform_requests", plain(r.platformRequests()));
      p.put("tollgate.reconciliation.gateway_requests", plain(r.gatewayRequests()));
      p.put("tollgate.reconciliation.gateway_backend_requests", plain(r.gatewayBackendRequests()));
      p.put("tollgate.reconciliation.gateway_estimated_requests", plain(r.gatewayEstimated()));
      p.put("tollgate.reconciliation.gateway_no_usage_requests", plain(r.gatewayNoUsage()));
      p.put("tollgate.reconciliation.gateway_truncated_requests", plain(r.gatewayTruncated()));
      if (r.driftRatio() != null) {
        p.put("tollgate.reconciliation.drift_ratio", ratio(r.driftRatio()));
      }
      if (r.requestDriftRatio() != null) {
        p.put("tollgate.reconciliation.request_drift_ratio", ratio(r.requestDriftRatio()));
      }
      p.put("tollgate.reconciliation.threshold", ratio(config.threshold()));
      p.put("tollgate.reconciliation.verdict", r.verdict());
      String id =
          "recon:h"
              + ItemIds.hash(
                  r.deployment().toLowerCase(Locale.ROOT),
                  report.windowStart().toString(),
                  report.windowEnd().toString());
      out.add(new AppInsightsPublisher.Event(EVENT, report.windowStart(), p, id));
    }
    return out;
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).setScale(0, RoundingMode.HALF_UP).toPlainString();
  }

  private static String ratio(double d) {
    return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  private static double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o == null) {
      return 0;
    }
    try {
      return Double.parseDouble(o.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
