package dev.tollgate.monitor;

import com.azure.resourcemanager.monitor.MonitorManager;
import com.azure.resourcemanager.monitor.models.DiagnosticSetting;
import com.azure.resourcemanager.monitor.models.LogSettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.LogsQueryException;
import dev.tollgate.loganalytics.QueryTimeSpan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code tollgate doctor}: checks with Azure Resource Manager (azure-resourcemanager-monitor for
 * diagnostic settings and metric definitions) that the pieces Tollgate depends on are in place, and
 * says how to fix what is not: the APIM diagnostic setting streams GatewayLogs (and GatewayLlmLogs)
 * to the Event Hub, APIM's Azure Monitor logging (each Azure OpenAI API's own, else All APIs') logs
 * request and response bodies and LLM logs, the accounts send their own logs, and this identity can
 * read the accounts' metrics and deployments and the Log Analytics workspace.
 */
public final class Doctor {
  /** How a check came out. */
  public enum Status {
    OK,
    WARN,
    FAIL
  }

  /** One check: what, how it came out, what was seen, and how to fix it. */
  public record Check(String name, Status status, String detail, String fix) {}

  /** Every check of one run. */
  public record Result(List<Check> checks) {
    public Result {
      checks = List.copyOf(checks);
    }

    /** True when nothing failed (warnings allowed). */
    public boolean healthy() {
      return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }

    /** The report as plain text, one check per line, fixes indented under it. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      for (Check c : checks) {
        sb.append(String.format(Locale.ROOT, "%-4s %s: %s%n", c.status(), c.name(), c.detail()));
        if (c.fix() != null && c.status() != Status.OK) {
          sb.append("     fix: ").append(c.fix()).append(System.lineSeparator());
        }
      }
      long fails = checks.stream().filter(c -> c.status() == Status.FAIL).count();
      long warns = checks.stream().filter(c -> c.status() == Status.WARN).count();
      sb.append(
          String.format(
              Locale.ROOT, "%d checks, %d failed, %d warnings%n", checks.size(), fails, warns));
      return sb.toString();
    }

    /** The report as JSON. */
    public String json() {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("healthy", healthy());
      ArrayNode list = root.putArray("checks");
      for (Check c : checks) {
        ObjectNode n = list.addObject();
        n.put("name", c.name());
        n.put("status", c.status().name().toLowerCase(Locale.ROOT));
        n.put("detail", c.detail());
        if (c.fix() != null) {
          n.put("fix", c.fix());
        }
      }
      return root.toString();
    }
  }

  private final Map<String, String> env;
  private final Jobs jobs;
  private final LogsQuery logs;
  private final Clock clock;

  /**
   * @param logs the Log Analytics client, or null to skip that check
   */
  public Doctor(Map<String, String> env, Jobs jobs, LogsQuery logs, Clock clock) {
    this.env = Map.copyOf(env);
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.logs = logs;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The doctor the settings describe, with {@code DefaultAzureCredential}. */
  public static Doctor fromSettings(Map<String, String> env) {
    Jobs jobs =
        Jobs.fromSettings(
            env, AzureHttp.defaultCredential(), AzureHttp.jdkClient(Duration.ofSeconds(30)));
    LogsQuery logs =
        LogAnalyticsSettings.enabled(env)
            ? dev.tollgate.loganalytics.AzureLogsQuery.fromSettings(env)
            : null;
    return new Doctor(env, jobs, logs, Clock.systemUTC());
  }

  public Result run() {
    List<Check> out = new ArrayList<>();
    apim(out);
    accounts(out);
    workspace(out);
    settings(out);
    return new Result(out);
  }

  private void apim(List<Check> out) {
    String apim = MonitorSettings.get(env, MonitorSettings.APIM_RESOURCE_ID);
    if (apim == null) {
      out.add(
          new Check(
              "apim.diagnostic_setting",
              Status.WARN,
              MonitorSettings.APIM_RESOURCE_ID + " is not set, so APIM's settings were not checked",
              "set "
                  + MonitorSettings.APIM_RESOURCE_ID
                  + " to the API Management instance's resource id"));
      return;
    }
    List<DiagnosticSetting> settings;
    try {
      settings = diagnosticSettings(apim);
    } catch (MetricsQueryException e) {
      out.add(readFailure("apim.diagnostic_setting", e, "Reader on the API Management instance"));
      return;
    }
    DiagnosticSetting gateway = null;
    for (DiagnosticSetting s : settings) {
      if (streamsToEventHub(s) && enabled(s, "GatewayLogs")) {
        gateway = s;
      }
    }
    String hub = MonitorSettings.get(env, "TOLLGATE_EVENTHUB_NAME");
    String create =
        "az monitor diagnostic-settings create --name tollgate --resource "
            + apim
            + " --event-hub "
            + (hub == null ? "<event hub>" : hub)
            + " --event-hub-rule <namespace authorization rule id> --logs"
            + " '[{\"category\":\"GatewayLogs\",\"enabled\":true},"
            + "{\"category\":\"GatewayLlmLogs\",\"enabled\":true}]'";
    if (gateway == null) {
      out.add(
          new Check(
              "apim.diagnostic_setting",
              Status.FAIL,
              settings.isEmpty()
                  ? "the API Management instance has no diagnostic setting"
                  : "no diagnostic setting streams GatewayLogs to an Event Hub (found: "
                      + names(settings)
                      + ")",
              create));
    } else {
      out.add(
          new Check(
              "apim.diagnostic_setting",
              Status.OK,
              "'" + gateway.name() + "' streams GatewayLogs to event hub " + gateway.eventHubName(),
              null));
      out.add(
          enabled(gateway, "GatewayLlmLogs")
              ? new Check("apim.llm_logs", Status.OK, "GatewayLlmLogs streamed too", null)
              : new Check(
                  "apim.llm_logs",
                  Status.WARN,
                  "'" + gateway.name() + "' does not stream GatewayLlmLogs",
                  "enable the GatewayLlmLogs category in '" + gateway.name() + "'"));
      if (hub != null
          && gateway.eventHubName() != null
          && !hub.equalsIgnoreCase(gateway.eventHubName())) {
        out.add(
            new Check(
                "apim.event_hub",
                Status.FAIL,
                "APIM streams to '"
                    + gateway.eventHubName()
                    + "' but TOLLGATE_EVENTHUB_NAME is '"
                    + hub
                    + "'",
                "point one of them at the other"));
      }
    }
    new ApimLogging(jobs.arm(), apim).check(out);
  }

  private void accounts(List<Check> out) {
    List<Account> accounts;
    try {
      accounts = jobs.accounts().configured() ? jobs.accounts().accounts() : List.of();
    } catch (MetricsQueryException e) {
      out.add(readFailure("accounts", e, "Reader on the subscriptions or resource groups"));
      return;
    }
    if (accounts.isEmpty()) {
      out.add(
          new Check(
              "accounts",
              jobs.accounts().configured() ? Status.FAIL : Status.WARN,
              jobs.accounts().configured()
                  ? "no Azure OpenAI or AI Services account found where the settings point"
                  : "no accounts configured: metrics, inventory and reconciliation are off",
              "set "
                  + MonitorSettings.ACCOUNT_IDS
                  + ", "
                  + MonitorSettings.SUBSCRIPTIONS
                  + " or "
                  + MonitorSettings.RESOURCE_GROUPS));
      return;
    }
    out.add(new Check("accounts", Status.OK, accounts.size() + " accounts found", null));
    for (Account a : accounts) {
      String n = "account." + a.name();
      try {
        Map<String, MetricInfo> defs = jobs.definitions().definitions(a.resourceId());
        List<String> missing = new ArrayList<>();
        for (String m : PlatformMetrics.DEFAULT_METRICS) {
          if (!defs.containsKey(m.toLowerCase(Locale.ROOT))) {
            missing.add(m);
          }
        }
        out.add(
            new Check(
                n + ".metrics",
                Status.OK,
                defs.size()
                    + " metrics readable"
                    + (missing.isEmpty() ? "" : "; not defined here (skipped): " + missing),
                null));
      } catch (MetricsQueryException e) {
        out.add(readFailure(n + ".metrics", e, "Monitoring Reader on " + a.resourceId()));
      }
      try {
        int count = jobs.accounts().deployments(a).size();
        out.add(new Check(n + ".deployments", Status.OK, count + " deployments readable", null));
      } catch (MetricsQueryException e) {
        out.add(readFailure(n + ".deployments", e, "Monitoring Reader on " + a.resourceId()));
      }
      try {
        List<DiagnosticSetting> settings = diagnosticSettings(a.resourceId());
        boolean logs = false;
        for (DiagnosticSetting s : settings) {
          if (s.logs() != null && s.logs().stream().anyMatch(LogSettings::enabled)) {
            logs = true;
          }
        }
        out.add(
            logs
                ? new Check(n + ".logs", Status.OK, "the account sends its logs", null)
                : new Check(
                    n + ".logs",
                    Status.WARN,
                    "the account sends no resource logs (RequestResponse, Audit)",
                    "az monitor diagnostic-settings create --name tollgate --resource "
                        + a.resourceId()
                        + " --workspace <workspace id> --logs"
                        + " '[{\"categoryGroup\":\"allLogs\",\"enabled\":true}]'"));
      } catch (MetricsQueryException e) {
        out.add(readFailure(n + ".logs", e, "Monitoring Reader on " + a.resourceId()));
      }
    }
  }

  private void workspace(List<Check> out) {
    String workspace = MonitorSettings.get(env, LogAnalyticsSettings.WORKSPACE_ID);
    if (workspace == null || logs == null) {
      out.add(
          new Check(
              "loganalytics",
              Status.WARN,
              LogAnalyticsSettings.WORKSPACE_ID + " is not set: reconciliation is off",
              "set " + LogAnalyticsSettings.WORKSPACE_ID + " to the workspace id (a GUID)"));
      return;
    }
    try {
      logs.query(
          workspace,
          "print ok = 1",
          QueryTimeSpan.endingAt(clock.instant(), Duration.ofMinutes(5)));
      out.add(new Check("loganalytics", Status.OK, "the workspace answers queries", null));
    } catch (LogsQueryException e) {
      out.add(
          new Check(
              "loganalytics",
              Status.FAIL,
              "the workspace did not answer: " + e.getMessage(),
              "grant this identity Log Analytics Reader on the workspace"));
    }
  }

  private void settings(List<Check> out) {
    boolean ai = MonitorSettings.get(env, "APPLICATIONINSIGHTS_CONNECTION_STRING") != null;
    out.add(
        ai
            ? new Check(
                "appinsights",
                Status.OK,
                "APPLICATIONINSIGHTS_CONNECTION_STRING is set (writing needs Monitoring Metrics"
                    + " Publisher when local auth is off)",
                null)
            : new Check(
                "appinsights",
                Status.WARN,
                "APPLICATIONINSIGHTS_CONNECTION_STRING is not set: nothing reaches Application"
                    + " Insights",
                "set it to the resource's connection string"));
  }

  private List<DiagnosticSetting> diagnosticSettings(String resourceId) {
    MonitorManager m = jobs.monitor();
    try {
      List<DiagnosticSetting> out = new ArrayList<>();
      m.diagnosticSettings()
          .listByResource(ResourceIds.normalize(resourceId).substring(1))
          .forEach(out::add);
      return out;
    } catch (RuntimeException e) {
      throw AzureHttp.translate("reading the diagnostic settings of " + resourceId, e);
    }
  }

  private static boolean streamsToEventHub(DiagnosticSetting s) {
    return s.eventHubAuthorizationRuleId() != null || s.eventHubName() != null;
  }

  private static boolean enabled(DiagnosticSetting s, String category) {
    if (s.logs() == null) {
      return false;
    }
    for (LogSettings l : s.logs()) {
      if (!l.enabled()) {
        continue;
      }
      if (category.equalsIgnoreCase(l.category())
          || "allLogs".equalsIgnoreCase(l.categoryGroup())) {
        return true;
      }
    }
    return false;
  }

  private static String names(List<DiagnosticSetting> settings) {
    List<String> n = new ArrayList<>();
    settings.forEach(s -> n.add(s.name()));
    return String.join(", ", n);
  }

  static Check readFailure(String name, MetricsQueryException e, String role) {
    boolean denied = e.status() == 401 || e.status() == 403;
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    boolean noIdentity =
        e.status() == 0
            && (m.contains("authentication failed") || m.contains("credentialunavailable"));
    return new Check(
        name,
        Status.FAIL,
        (denied ? "access denied: " : noIdentity ? "no identity: " : "could not read: ")
            + e.getMessage(),
        denied
            ? "grant this identity " + role
            : noIdentity
                ? "sign in (az login) to run it locally; in Azure give the function app a managed"
                    + " identity"
                : "check the resource id and the network path");
  }
}
