package dev.tollgate.functions.deployment;

import dev.tollgate.functions.deployment.BicepText.Param;
import dev.tollgate.functions.deployment.QueryUses.QueryUse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of what the stack does on Azure that review found wrong once: properties a resource
 * rejects, values an API does not have, names that clash between two stacks, roles granted twice,
 * alert rules without an identity or judging overlapping, incomplete windows. Like {@link
 * DeploymentChecks}, each is a function of the files' text returning the problems found.
 */
final class StackChecks {
  private static final Pattern RESOURCE =
      Pattern.compile(
          "(?m)^resource\\s+([A-Za-z_]\\w*)\\s+'([^'@]+)@[^']+'(\\s+existing)?\\s*=\\s*"
              + "(?:if\\s*\\((?:[^()]|\\([^()]*\\))*\\)\\s*)?([\\[{])");
  private static final Pattern MODULE_NAME =
      Pattern.compile("(?m)^module\\s+([A-Za-z_]\\w*)\\s+'[^']+'\\s*=\\s*([\\[{])");
  private static final Pattern KQL_SPAN = Pattern.compile("(\\d+)([mhd])");

  /**
   * siteConfig properties Flex Consumption rejects (its runtime and FTP are configured elsewhere).
   */
  static final Set<String> FLEX_REJECTED = Set.of("ftpsState", "linuxFxVersion", "alwaysOn");

  /** Query files whose rule judges state up to now, not a window of data (with why). */
  static final Map<String, String> UNBINNED_RULES =
      Map.of(
          "alert-timer-stopped.kql",
          "judges how long each timer has been silent up to now: there is no window of data");

  private StackChecks() {}

  /**
   * A resource declaration (not {@code existing}): symbolic name, type, and its body's properties.
   */
  record Resource(String symbol, String type, Map<String, String> body) {}

  static List<Resource> resources(String text) {
    BicepText bicep = new BicepText(text);
    List<Resource> out = new ArrayList<>();
    Matcher m = RESOURCE.matcher(text);
    while (m.find()) {
      if (m.group(3) != null) {
        continue;
      }
      int open = m.start(4);
      if (text.charAt(open) == '[') {
        open = text.indexOf('{', open);
      }
      out.add(new Resource(m.group(1), m.group(2), bicep.objectAt(open)));
    }
    return out;
  }

  /** Flex Consumption's siteConfig sets none of the properties it rejects. */
  static List<String> flexSiteConfig(String functionAppBicep) {
    List<String> problems = new ArrayList<>();
    for (String key : new BicepText(functionAppBicep).varObject("flexSiteConfig").keySet()) {
      if (FLEX_REJECTED.contains(key)) {
        problems.add("flexSiteConfig sets " + key + ", which Flex Consumption rejects");
      }
    }
    return problems;
  }

  /**
   * APIM's LLM logging: {@code messages} is only ever {@code 'all'} (the API has no other value),
   * and the variant without messages has no {@code requests}/{@code responses} at all.
   */
  static List<String> llmLogging(String apimDiagnosticsBicep) {
    List<String> problems = new ArrayList<>();
    Matcher m = Pattern.compile("messages:\\s*([^\\n]+)").matcher(apimDiagnosticsBicep);
    while (m.find()) {
      if (!m.group(1).strip().equals("'all'")) {
        problems.add("LLM messages logged as " + m.group(1).strip() + ": the only value is 'all'");
      }
    }
    BicepText bicep = new BicepText(apimDiagnosticsBicep);
    if (bicep.varNames("llmLogsOnly").isEmpty()) {
      problems.add("no var llmLogsOnly: the LLM logging without messages");
      return problems;
    }
    Map<String, String> off = bicep.varObject("llmLogsOnly");
    if (off.containsKey("requests") || off.containsKey("responses")) {
      problems.add("llmLogsOnly (messages off) still sets requests or responses");
    }
    if (!"'enabled'".equals(off.get("logs"))) {
      problems.add("llmLogsOnly does not enable the LLM logs (token counts)");
    }
    for (Resource r : resources(apimDiagnosticsBicep)) {
      if (r.type().equals("Microsoft.ApiManagement/service/apis/diagnostics")) {
        String llm =
            new BicepText(r.body().get("properties")).objectAt(0).get("largeLanguageModel");
        if (!"logLlmMessages ? llmLogsWithMessages : llmLogsOnly".equals(llm)) {
          problems.add("largeLanguageModel is " + llm + ", not one of the two variants");
        }
      }
    }
    return problems;
  }

  /**
   * No identity gets, at one scope of one file, a role that another role it gets there already
   * includes (Monitoring Reader's and Log Analytics Reader's {@code *}/read cover Reader).
   */
  static List<String> redundantRoles(Map<Path, String> bicepFiles) {
    Map<String, Set<String>> coveredBy =
        Map.of("reader", Set.of("monitoringReader", "logAnalyticsReader"));
    List<String> problems = new ArrayList<>();
    Pattern role = Pattern.compile("roleIds\\.(\\w+)\\)");
    bicepFiles.forEach(
        (file, text) -> {
          Map<String, List<String>> byScope = new LinkedHashMap<>();
          for (Resource r : resources(text)) {
            if (!r.type().equals("Microsoft.Authorization/roleAssignments")) {
              continue;
            }
            Matcher m = role.matcher(r.body().getOrDefault("properties", ""));
            String principal =
                new BicepText(r.body().get("properties")).objectAt(0).get("principalId");
            if (m.find()) {
              byScope
                  .computeIfAbsent(
                      r.body().get("scope") + " to " + principal, k -> new ArrayList<>())
                  .add(m.group(1));
            }
          }
          byScope.forEach(
              (scope, roles) -> {
                for (String r : roles) {
                  for (String wider : coveredBy.getOrDefault(r, Set.of())) {
                    if (roles.contains(wider)) {
                      problems.add(
                          file.getFileName()
                              + ": "
                              + r
                              + " at "
                              + scope
                              + " is already in "
                              + wider);
                    }
                  }
                }
              });
        });
    return problems;
  }

  /**
   * Every log alert rule runs with a system-assigned identity, and each rule's identity is granted
   * a role that can query the resource the rule is scoped to.
   */
  static List<String> alertIdentities(String alertsBicep) {
    List<String> problems = new ArrayList<>();
    List<Resource> all = resources(alertsBicep);
    for (Resource r : all) {
      if (!r.type().equals("Microsoft.Insights/scheduledQueryRules")) {
        continue;
      }
      String identity = r.body().get("identity");
      if (identity == null
          || !"'SystemAssigned'".equals(new BicepText(identity).objectAt(0).get("type"))) {
        problems.add("alert rule " + r.symbol() + " has no system-assigned identity");
      }
      String scopes = new BicepText(r.body().get("properties")).objectAt(0).get("scopes");
      String granted = null;
      for (Resource a : all) {
        String props = a.body().getOrDefault("properties", "");
        if (a.type().equals("Microsoft.Authorization/roleAssignments")
            && props.contains("principalId: " + r.symbol() + "[i].identity.principalId")
            && (props.contains("roleIds.logAnalyticsReader")
                || props.contains("roleIds.monitoringReader"))) {
          granted = a.body().get("scope");
        }
      }
      if (granted == null) {
        problems.add(
            "alert rule " + r.symbol() + ": its identity is granted no reader role to query with");
      } else if (!scopedTo(alertsBicep, granted, scopes)) {
        problems.add(
            "alert rule "
                + r.symbol()
                + ": its identity reads "
                + granted
                + ", not what the rule queries ("
                + scopes
                + ")");
      }
    }
    return problems;
  }

  /** Whether the existing resource {@code symbol} is the one whose id the rule's scopes name. */
  private static boolean scopedTo(String text, String symbol, String scopes) {
    Matcher m =
        Pattern.compile(
                "(?m)^resource\\s+"
                    + Pattern.quote(symbol)
                    + "\\s+'[^']+'\\s+existing\\s*=\\s*\\{\\s*name:\\s*last\\(split\\((\\w+), '/'\\)\\)")
            .matcher(text);
    return m.find() && scopes.replaceAll("\\s", "").equals("[" + m.group(1) + "]");
  }

  /**
   * Each alert rule judges one whole window per evaluation: it runs every window (frequency ==
   * windowSize), its query keeps only the last complete bin of that size ({@code end_time} bound to
   * {@code bin(now() - delay, window)}, or a suffix keeping {@code timestamp == bin(now() - delay,
   * bin_size) - bin_size} of a query binned by timestamp), and its time range reaches back to the
   * start of that bin at the longest delay allowed.
   *
   * @param maxDelay the longest ingestion delay the delay parameter allows
   */
  static List<String> alertWindows(List<QueryUse> rules, Duration maxDelay) {
    List<String> problems = new ArrayList<>();
    for (QueryUse rule : rules) {
      String file = rule.queryFile().getFileName().toString();
      if (UNBINNED_RULES.containsKey(file)) {
        continue;
      }
      String label = rule.label() + " (" + file + ")";
      Duration frequency =
          Duration.parse(BicepText.decodeString(rule.properties().get("frequency")));
      Duration window = Duration.parse(BicepText.decodeString(rule.properties().get("window")));
      if (!frequency.equals(window)) {
        problems.add(label + ": runs every " + frequency + " over " + window + ": windows overlap");
      }
      String bin = kql(window);
      Map<String, String> lets = letValues(rule.lets());
      String endTime = lets.get("end_time");
      String suffixBin =
          "| where timestamp == bin(now() - ${alertIngestionDelayMinutes}m, "
              + bin
              + ") - "
              + bin
              + "\n";
      boolean delayed;
      if (endTime != null) {
        delayed = endTime.equals("bin(now() - ${alertIngestionDelayMinutes}m, " + bin + ")");
        if (!delayed && !endTime.equals("bin(now(), " + bin + ")")) {
          problems.add(label + ": end_time " + endTime + " is not the end of a complete " + bin);
        }
        if (!bin.equals(lets.get("window"))) {
          problems.add(label + ": window " + lets.get("window") + " is not the rule's " + bin);
        }
      } else if (rule.suffix().startsWith(suffixBin)) {
        delayed = true;
        if (!bin.equals(lets.get("bin_size"))) {
          problems.add(label + ": bin_size " + lets.get("bin_size") + " is not the rule's " + bin);
        }
      } else {
        problems.add(label + ": its query does not keep only the last complete " + bin + " bin");
        continue;
      }
      // The judged bin starts up to delay + 2 bins back (now falls anywhere in a bin).
      Duration reach = window.multipliedBy(2).plus(delayed ? maxDelay : Duration.ZERO);
      if (lets.containsKey("baseline")) {
        reach = reach.plus(span(lets.get("baseline")));
      }
      String range = BicepText.decodeString(rule.properties().get("timeRange"));
      Duration timeRange = range.isEmpty() ? window : Duration.parse(range);
      if (timeRange.compareTo(reach) < 0) {
        problems.add(label + ": timeRange " + timeRange + " does not reach back " + reach);
      }
      if (timeRange.compareTo(Duration.ofDays(2)) > 0) {
        problems.add(label + ": timeRange " + timeRange + " is more than a log alert reads (2d)");
      }
      if (lets.containsKey("lookback") && span(lets.get("lookback")).compareTo(reach) < 0) {
        problems.add(
            label + ": lookback " + lets.get("lookback") + " does not reach back " + reach);
      }
    }
    return problems;
  }

  private static Map<String, String> letValues(List<String> lets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String let : lets) {
      Matcher m = Pattern.compile("^let\\s+(\\w+)\\s*=\\s*(.*);$").matcher(let.strip());
      if (m.matches()) {
        out.put(m.group(1), m.group(2).strip());
      }
    }
    return out;
  }

  /** A duration as a KQL timespan literal (15m, 1h, 1d). */
  static String kql(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }

  /** A KQL timespan literal (15m, 1h, 1d) as a duration. */
  static Duration span(String kql) {
    Matcher m = KQL_SPAN.matcher(kql.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a simple KQL timespan: " + kql);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /**
   * Names of what the stack creates where other stacks may be: every module deployment name and the
   * diagnostic settings' name are derived from {@code baseName} (and the resource group), so a
   * second stack never replaces the first's.
   */
  static List<String> sharedNames(String mainBicep, Map<Path, String> moduleFiles) {
    List<String> problems = new ArrayList<>();
    BicepText main = new BicepText(mainBicep);
    Map<String, String> names = main.varObject("names");
    String prefix = names.getOrDefault("deployment", "");
    if (!prefix.contains("${baseName}") || !prefix.contains("${suffix}")) {
      problems.add("names.deployment " + prefix + " does not name the stack (baseName, suffix)");
    }
    Matcher m = MODULE_NAME.matcher(mainBicep);
    while (m.find()) {
      int open = m.start(2);
      if (mainBicep.charAt(open) == '[') {
        open = mainBicep.indexOf('{', open);
      }
      String name = main.objectAt(open).get("name");
      if (name == null || !name.startsWith("'${names.deployment}-")) {
        problems.add(
            "module " + m.group(1) + " is deployed as " + name + ", not names.deployment-*");
      }
    }
    for (BicepText.ModuleCall call : main.modules()) {
      String given = call.params().get("diagnosticSettingName");
      if (given != null && !given.equals("diagnosticSettingName")) {
        problems.add("module " + call.name() + " names its diagnostic setting " + given);
      }
    }
    Param setting = main.params().get("diagnosticSettingName");
    if (setting == null
        || setting.defaultValue() == null
        || !setting.defaultValue().contains("${baseName}")) {
      problems.add(
          "diagnosticSettingName's default "
              + (setting == null ? null : setting.defaultValue())
              + " does not include baseName");
    }
    moduleFiles.forEach(
        (file, text) -> {
          for (Resource r : resources(text)) {
            if (r.type().equals("Microsoft.Insights/diagnosticSettings")
                && !"diagnosticSettingName".equals(r.body().get("name"))) {
              problems.add(
                  file.getFileName()
                      + ": diagnostic setting "
                      + r.symbol()
                      + " is named "
                      + r.body().get("name")
                      + ", not diagnosticSettingName");
            }
          }
        });
    return problems;
  }
}
