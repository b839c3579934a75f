package dev.tollgate.functions.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.functions.deployment.BicepText.ModuleCall;
import dev.tollgate.functions.deployment.BicepText.Param;
import dev.tollgate.functions.deployment.QueryUses.QueryUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consistency checks of the deployment files, each a function from the files' text to a list of
 * problems (empty when the invariant holds), so that the tests can run them on the real files and
 * on deliberately broken copies.
 */
final class DeploymentChecks {
  private static final Pattern LOAD = Pattern.compile("loadTextContent\\('([^']+)'\\)");
  private static final Pattern API_VERSION =
      Pattern.compile(
          "'((?:[A-Za-z]+\\.)+[A-Za-z]+(?:/[A-Za-z]+)+)@(\\d{4}-\\d{2}-\\d{2}(-preview)?)'");
  private static final Pattern SCOPE_HEADER = Pattern.compile("(?m)^//\\s*scope:\\s*(\\w+)\\s*$");
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{tollgate:([^}]+)}}");
  private static final Pattern RESOURCE_PLACEHOLDER = Pattern.compile("__[A-Z][A-Z_]*[A-Z]__");
  private static final Pattern WORKBOOK_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  /**
   * Preview API versions allowed, and why: the only versions of the type, or the only ones with the
   * property used. Everything else uses a stable (dated, non-preview) version.
   */
  static final Map<String, String> ALLOWED_PREVIEWS =
      Map.of(
          "Microsoft.Insights/diagnosticSettings",
          "2021-05-01-preview is the newest version of the type; it has no stable version",
          "Microsoft.ApiManagement/service/apis/diagnostics",
          "largeLanguageModel (per-API GatewayLlmLogs) exists only in preview versions");

  /**
   * Built-in role ids the deployment may assign, by the key used in the Bicep's {@code roleIds}:
   * the least-privilege roles the issue names, ids from Microsoft's built-in roles reference
   * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
   */
  static final Map<String, String> ALLOWED_ROLES =
      Map.of(
          "storageBlobDataOwner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
          "storageTableDataContributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
          "eventHubsDataReceiver", "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
          "logAnalyticsReader", "73c42c96-874c-492b-b04d-ab87d138a893",
          "monitoringMetricsPublisher", "3913510d-42f4-4e42-8a64-420c390055eb",
          "monitoringReader", "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
          "reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7");

  /** Owner, Contributor, User Access Administrator, RBAC Administrator: never assigned. */
  static final Set<String> FORBIDDEN_ROLES =
      Set.of(
          "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
          "b24988ac-6180-42a0-ab88-20f7382dd24c",
          "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
          "f58310d9-a9f6-439a-9e8d-f62e7b41a168");

  private DeploymentChecks() {}

  // ---------------------------------------------------------------------------------------------
  // Files the Bicep loads
  // ---------------------------------------------------------------------------------------------

  /**
   * Every {@code loadTextContent} path exists and is not empty; every {@code .kql} loaded is a file
   * of the top-level {@code queries/} folder (the folder the KQL check covers).
   */
  static List<String> loadedFiles(Map<Path, String> bicepFiles, Path queriesDir) {
    List<String> problems = new ArrayList<>();
    bicepFiles.forEach(
        (file, text) -> {
          Matcher m = LOAD.matcher(text);
          while (m.find()) {
            Path target = file.getParent().resolve(m.group(1)).normalize();
            String where = file.getFileName() + " loads " + m.group(1);
            if (!Files.isRegularFile(target)) {
              problems.add(where + ", which does not exist");
              continue;
            }
            if (Repo.read(target).isBlank()) {
              problems.add(where + ", which is empty");
            }
            if (m.group(1).endsWith(".kql")
                && !target.getParent().equals(queriesDir.toAbsolutePath().normalize())) {
              problems.add(where + ", which is not in " + queriesDir + " (the KQL check's folder)");
            }
          }
        });
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // Modules, parameters
  // ---------------------------------------------------------------------------------------------

  /**
   * Every module main.bicep calls exists, gets every parameter it declares without a default, and
   * gets no parameter it does not declare.
   */
  static List<String> moduleCalls(Path mainFile, String mainText) {
    List<String> problems = new ArrayList<>();
    for (ModuleCall call : new BicepText(mainText).modules()) {
      Path module = mainFile.getParent().resolve(call.path()).normalize();
      if (!Files.isRegularFile(module)) {
        problems.add("module " + call.name() + ": " + call.path() + " does not exist");
        continue;
      }
      Map<String, Param> declared = new BicepText(Repo.read(module)).params();
      for (Param p : declared.values()) {
        if (p.defaultValue() == null && !call.params().containsKey(p.name())) {
          problems.add("module " + call.name() + " is not given its parameter " + p.name());
        }
      }
      for (String given : call.params().keySet()) {
        if (!declared.containsKey(given)) {
          problems.add(
              "module " + call.name() + " is given " + given + ", which it does not declare");
        }
      }
    }
    return problems;
  }

  /** The .bicepparam file uses main.bicep, sets only its parameters, and every required one. */
  static List<String> parameterFile(String bicepparam, Map<String, Param> mainParams) {
    List<String> problems = new ArrayList<>();
    if (!bicepparam.contains("using 'main.bicep'")) {
      problems.add("main.bicepparam does not say using 'main.bicep'");
    }
    Set<String> set = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^param\\s+(\\w+)\\s*=").matcher(bicepparam);
    while (m.find()) {
      set.add(m.group(1));
      if (!mainParams.containsKey(m.group(1))) {
        problems.add("main.bicepparam sets " + m.group(1) + ", which main.bicep does not declare");
      }
    }
    for (Param p : mainParams.values()) {
      if (p.defaultValue() == null && !set.contains(p.name())) {
        problems.add("main.bicepparam does not set the required parameter " + p.name());
      }
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // API versions, roles
  // ---------------------------------------------------------------------------------------------

  /** Resource type to the API versions used, over all files. */
  static Map<String, Set<String>> apiVersions(Map<Path, String> bicepFiles) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    bicepFiles
        .values()
        .forEach(
            text -> {
              Matcher m = API_VERSION.matcher(text);
              while (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
              }
            });
    return out;
  }

  /** Stable versions but for the documented previews; one version per type. */
  static List<String> apiVersionProblems(Map<String, Set<String>> versions) {
    List<String> problems = new ArrayList<>();
    versions.forEach(
        (type, used) -> {
          if (used.size() > 1) {
            problems.add(type + " is used with several API versions: " + used);
          }
          for (String v : used) {
            if (v.endsWith("-preview") && !ALLOWED_PREVIEWS.containsKey(type)) {
              problems.add(type + "@" + v + " is a preview version");
            }
          }
        });
    return problems;
  }

  /**
   * Every role id the Bicep names is a least-privilege role of {@link #ALLOWED_ROLES} under its own
   * key; none is Owner, Contributor or an access administrator; role assignments take their role
   * from {@code roleIds} and are made to a service principal (the managed identity).
   */
  static List<String> roles(Map<Path, String> bicepFiles) {
    List<String> problems = new ArrayList<>();
    Pattern guid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    bicepFiles.forEach(
        (file, text) -> {
          String name = file.getFileName().toString();
          Matcher g = guid.matcher(text);
          while (g.find()) {
            if (FORBIDDEN_ROLES.contains(g.group())) {
              problems.add(name + " names the privileged role " + g.group());
            }
          }
          BicepText bicep = new BicepText(text);
          if (!bicep.varNames("roleIds").isEmpty()) {
            bicep
                .varObject("roleIds")
                .forEach(
                    (key, value) -> {
                      String id = BicepText.decodeString(value);
                      if (!id.equals(ALLOWED_ROLES.get(key))) {
                        problems.add(
                            name
                                + ": roleIds."
                                + key
                                + " = "
                                + id
                                + " is not an allowed role under that name "
                                + ALLOWED_ROLES);
                      }
                    });
          }
          int assignments = count(text, "'Microsoft.Authorization/roleAssignments@");
          int fromRoleIds =
              count(
                  text,
                  "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.");
          int servicePrincipal = count(text, "principalType: 'ServicePrincipal'");
          if (assignments != fromRoleIds || assignments != servicePrincipal) {
            problems.add(
                name
                    + ": "
                    + assignments
                    + " role assignments, "
                    + fromRoleIds
                    + " with a role from roleIds, "
                    + servicePrincipal
                    + " to a ServicePrincipal");
          }
        });
    return problems;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Query files: bindings, alert thresholds
  // ---------------------------------------------------------------------------------------------

  /** The {@code // scope:} header of a query file, or null. */
  static String scopeOf(String query) {
    Matcher m = SCOPE_HEADER.matcher(query);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Every use binds exactly the parameters its file declares (so no name is left unbound and none
   * is bound in vain), its scope is the file's, and its suffix (if any) is whole lines of pipe
   * operators appended after the file's last line.
   */
  static List<String> bindings(List<QueryUse> uses) {
    List<String> problems = new ArrayList<>();
    for (QueryUse use : uses) {
      String where =
          use.bicepFile().getFileName() + " " + use.label() + " (" + use.loadPath() + ")";
      if (!Files.isRegularFile(use.queryFile())) {
        problems.add(where + ": no such query file");
        continue;
      }
      String query = Repo.read(use.queryFile());
      if (!query.endsWith("\n")) {
        problems.add(
            where + ": the file does not end with a newline (a suffix would join its last line)");
      }
      Set<String> declared;
      try {
        declared = QueryUses.declaredParameters(query);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
        continue;
      }
      List<String> bound;
      try {
        bound = QueryUses.letNames(use.lets());
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
        continue;
      }
      Set<String> boundSet = new LinkedHashSet<>(bound);
      if (boundSet.size() != bound.size()) {
        problems.add(where + ": a parameter is bound twice: " + bound);
      }
      Set<String> unbound = new TreeSet<>(declared);
      unbound.removeAll(boundSet);
      Set<String> extra = new TreeSet<>(boundSet);
      extra.removeAll(declared);
      if (!unbound.isEmpty()) {
        problems.add(where + ": declared but not bound: " + unbound);
      }
      if (!extra.isEmpty()) {
        problems.add(where + ": bound but not declared: " + extra);
      }
      String scope = use.properties().containsKey("scope") ? use.scope() : null;
      if (scope == null || !scope.equals(scopeOf(query))) {
        problems.add(where + ": scope " + scope + " but the file says " + scopeOf(query));
      }
      String suffix = use.suffix();
      if (!suffix.isEmpty() && (!suffix.startsWith("| ") || !suffix.endsWith("\n"))) {
        problems.add(where + ": the suffix must be lines of '| ...', each ending with \\n");
      }
    }
    return problems;
  }

  /**
   * Alert thresholds are parameters with defaults: every rule takes its threshold from a parameter
   * (its {@code threshold}, or a let or suffix interpolating one); each such parameter of
   * alerts.bicep is passed under the same name by main.bicep, where it has a default.
   */
  static List<String> alertThresholds(
      List<QueryUse> rules,
      Map<String, Param> alertsParams,
      Map<String, Param> mainParams,
      Map<String, String> alertsCall) {
    List<String> problems = new ArrayList<>();
    for (QueryUse rule : rules) {
      Set<String> used = new LinkedHashSet<>();
      String threshold = rule.properties().getOrDefault("threshold", "");
      if (threshold.matches("[A-Za-z_]\\w*")) {
        used.add(threshold);
      } else if (!threshold.matches("-?\\d+")) {
        problems.add(
            rule.label() + ": threshold " + threshold + " is neither a number nor a parameter");
      }
      for (String s : concat(rule.lets(), List.of(rule.suffix()))) {
        Matcher m = INTERPOLATION.matcher(s);
        while (m.find()) {
          String expr = m.group(1).strip();
          Matcher p = Pattern.compile("(?:string\\()?([A-Za-z_]\\w*)\\)?").matcher(expr);
          if (!p.matches()) {
            problems.add(rule.label() + ": unsupported interpolation ${" + expr + "}");
            continue;
          }
          used.add(p.group(1));
        }
      }
      if (used.isEmpty()) {
        problems.add(
            rule.label() + ": no threshold parameter (threshold or ${...} in lets or suffix)");
      }
      for (String name : used) {
        if (!alertsParams.containsKey(name)) {
          problems.add(rule.label() + ": " + name + " is not a parameter of alerts.bicep");
          continue;
        }
        if (!name.equals(alertsCall.get(name))) {
          problems.add(
              rule.label()
                  + ": main.bicep does not pass "
                  + name
                  + ": "
                  + name
                  + " to alerts.bicep");
        }
        Param main = mainParams.get(name);
        if (main == null || main.defaultValue() == null) {
          problems.add(rule.label() + ": " + name + " has no default in main.bicep");
        }
      }
    }
    return problems;
  }

  private static final Pattern ALIGNED_END =
      Pattern.compile(
          "^let end_time = bin\\(now\\(\\) - (?:\\d+|\\$\\{\\w+})[mh], (\\d+)([mh])\\);$");

  /**
   * The gateway-bypass and key-listing rules: both read the accounts' logs in the workspace; key
   * listing is a security signal (severity 1 or 2), bypass severity 2 or 3; each binds its range to
   * the last whole window ({@code end_time = bin(now() - delay, width)}) and evaluates once per
   * window of that width, so each window is judged once, whole.
   */
  static List<String> securityRules(QueryUse bypass, QueryUse keys) {
    List<String> problems = new ArrayList<>();
    if (bypass == null || keys == null) {
      return List.of("alerts.bicep has no gateway-bypass or no key-listing rule");
    }
    severity(problems, keys, 1, 2);
    severity(problems, bypass, 2, 3);
    for (QueryUse r : List.of(bypass, keys)) {
      if (!"workspace".equals(r.scope())) {
        problems.add(r.label() + ": scope " + r.scope() + ", not workspace");
      }
      String iso = null;
      for (String let : r.lets()) {
        Matcher m = ALIGNED_END.matcher(let.strip());
        if (m.matches()) {
          iso = "PT" + m.group(1) + m.group(2).toUpperCase(java.util.Locale.ROOT);
        }
      }
      if (iso == null) {
        problems.add(r.label() + ": end_time is not aligned to a window (bin(now() - delay, w))");
        continue;
      }
      for (String k : List.of("frequency", "window")) {
        String v = BicepText.decodeString(r.properties().get(k));
        if (!iso.equals(v)) {
          problems.add(r.label() + ": " + k + " " + v + " but the window bound is " + iso);
        }
      }
    }
    return problems;
  }

  private static void severity(List<String> problems, QueryUse r, int min, int max) {
    int s = Integer.parseInt(r.properties().get("severity").strip());
    if (s < min || s > max) {
      problems.add(r.label() + ": severity " + s + ", not " + min + "-" + max);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * Resolves {@code ${name}} and {@code ${string(name)}} to the default of the main.bicep parameter
   * (a number, bool, string, or an object or array of literals as JSON), as a deployment with the
   * defaults would.
   */
  static UnaryOperator<String> defaultsOf(Map<String, Param> mainParams) {
    return s -> {
      Matcher m = INTERPOLATION.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String expr = m.group(1).strip();
        boolean string = expr.startsWith("string(") && expr.endsWith(")");
        String name = string ? expr.substring(7, expr.length() - 1).strip() : expr;
        Param p = mainParams.get(name);
        if (p == null || p.defaultValue() == null) {
          throw new IllegalArgumentException("no default for ${" + expr + "}");
        }
        String d = p.defaultValue();
        String value;
        if (BicepText.isString(d)) {
          value = BicepText.decodeString(d);
        } else if (d.matches("-?\\d+|true|false")) {
          value = d;
        } else if (d.startsWith("{") || d.startsWith("[")) {
          value = literalJson(d).toString();
        } else {
          throw new IllegalArgumentException(
              "cannot render the default of " + name + " (" + d + ") without a Bicep compiler");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      return out.toString();
    };
  }

  /**
   * A Bicep object or array literal of literals (strings, numbers, booleans, nested literals) as
   * JSON, which is what Bicep's {@code string()} gives for it.
   */
  static JsonNode literalJson(String source) {
    BicepText bicep = new BicepText(source.strip());
    if (source.strip().startsWith("{")) {
      com.fasterxml.jackson.databind.node.ObjectNode out = Json.MAPPER.createObjectNode();
      bicep.objectAt(0).forEach((k, v) -> out.set(k, literalValue(v)));
      return out;
    }
    com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
    bicep.arrayAt(0).forEach(v -> out.add(literalValue(v)));
    return out;
  }

  private static JsonNode literalValue(String v) {
    if (BicepText.isString(v)) {
      return Json.MAPPER.getNodeFactory().textNode(BicepText.decodeString(v));
    }
    if (v.matches("-?\\d+")) {
      return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(v));
    }
    if (v.equals("true") || v.equals("false")) {
      return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(v));
    }
    if (v.startsWith("{") || v.startsWith("[")) {
      return literalJson(v);
    }
    throw new IllegalArgumentException("not a literal: " + v);
  }

  // ---------------------------------------------------------------------------------------------
  // Workbook
  // ---------------------------------------------------------------------------------------------

  /** Fake resource ids for the workbook's {@code __...__} placeholders. */
  static final Map<String, String> SAMPLE_RESOURCES =
      Map.of(
          "__APPINSIGHTS_ID__",
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Insights/components/appi",
          "__WORKSPACE_ID__",
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log",
          "__BUDGETS_JSON__",
          "{}");

  /**
   * The workbook template against workbook.bicep: it parses; its {@code {{tollgate:KEY}}}
   * placeholders and workbook.bicep's query keys match one to one; each query item runs where its
   * query file's scope says; its {@code __...__} placeholders are all replaced by workbook.bicep;
   * it has the five tabs; and once rendered as the Bicep renders it, it is valid JSON whose query
   * items hold no placeholder and use only the workbook's own parameters.
   */
  static List<String> workbook(String template, List<QueryUse> uses, String workbookBicep) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(template);
    } catch (IOException e) {
      return List.of("the workbook template is not JSON: " + e.getMessage());
    }
    Map<String, QueryUse> byKey = new LinkedHashMap<>();
    for (QueryUse use : uses) {
      if (byKey.put(use.label(), use) != null) {
        problems.add("workbook.bicep has the key " + use.label() + " twice");
      }
    }
    Set<String> inTemplate = new LinkedHashSet<>();
    for (JsonNode item : queryItems(root)) {
      String query = item.path("content").path("query").asText();
      Matcher m = PLACEHOLDER.matcher(query);
      if (!m.matches()) {
        problems.add(
            "workbook item "
                + item.path("name").asText()
                + ": its query is not one {{tollgate:KEY}}"
                + " placeholder (queries come from queries/, not inline KQL): "
                + query);
        continue;
      }
      String key = m.group(1);
      if (!inTemplate.add(key)) {
        problems.add("the workbook uses {{tollgate:" + key + "}} twice");
      }
      QueryUse use = byKey.get(key);
      if (use == null) {
        problems.add(
            "the workbook uses {{tollgate:" + key + "}}, which workbook.bicep does not bind");
        continue;
      }
      String scope = scopeOf(Repo.read(use.queryFile()));
      String resourceType = item.path("content").path("resourceType").asText();
      String resources = item.path("content").path("crossComponentResources").toString();
      boolean appInsights = "appinsights".equals(scope);
      String expectedType =
          appInsights
              ? "microsoft.insights/components"
              : "microsoft.operationalinsights/workspaces";
      String expectedResource = appInsights ? "__APPINSIGHTS_ID__" : "__WORKSPACE_ID__";
      if (!resourceType.equals(expectedType) || !resources.contains(expectedResource)) {
        problems.add(
            "workbook item "
                + key
                + " runs on "
                + resourceType
                + " "
                + resources
                + " but its query's scope is "
                + scope);
      }
    }
    Set<String> unused = new TreeSet<>(byKey.keySet());
    unused.removeAll(inTemplate);
    if (!unused.isEmpty()) {
      problems.add("workbook.bicep binds queries the workbook does not use: " + unused);
    }
    Matcher r = RESOURCE_PLACEHOLDER.matcher(template);
    while (r.find()) {
      if (!workbookBicep.contains("'" + r.group() + "'")) {
        problems.add("workbook.bicep does not replace " + r.group());
      }
    }
    Set<String> tabs = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (JsonNode item : root.path("items")) {
      if (item.path("type").asInt() == 11) {
        item.path("content").path("links").forEach(l -> tabs.add(l.path("subTarget").asText()));
      }
      if (item.path("type").asInt() == 12) {
        groups.add(item.path("conditionalVisibility").path("value").asText());
      }
    }
    Set<String> wanted = Set.of("cost", "usage", "latency", "errors", "reconciliation");
    if (!tabs.containsAll(wanted) || !groups.equals(tabs)) {
      problems.add("the workbook's tabs " + tabs + " and groups " + groups + " are not " + wanted);
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Map<String, String> parameters = workbookParameters(render(template, uses));
    for (var e : renderedQueries(template, uses).entrySet()) {
      Matcher p = WORKBOOK_PARAMETER.matcher(e.getValue());
      while (p.find()) {
        if (!parameters.containsKey(p.group(1))) {
          problems.add(
              "workbook query " + e.getKey() + " uses {" + p.group(1) + "}, not a parameter");
        }
      }
    }
    return problems;
  }

  /** The template rendered as workbook.bicep renders it (with sample resource ids). */
  static String render(String template, List<QueryUse> uses) {
    String json = template;
    for (var e : SAMPLE_RESOURCES.entrySet()) {
      json = json.replace(e.getKey(), QueryUses.jsonString(e.getValue()));
    }
    for (QueryUse use : uses) {
      json =
          json.replace(
              "{{tollgate:" + use.label() + "}}", QueryUses.jsonString(QueryUses.render(use)));
    }
    return json;
  }

  /** Item name to the KQL of each query item of the rendered workbook. */
  static Map<String, String> renderedQueries(String template, List<QueryUse> uses) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(render(template, uses));
    } catch (IOException e) {
      throw new AssertionError("the rendered workbook is not JSON: " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode item : queryItems(root)) {
      out.put(item.path("name").asText(), item.path("content").path("query").asText());
    }
    return out;
  }

  /** The workbook's parameters (name to default value) of a rendered workbook. */
  static Map<String, String> workbookParameters(String rendered) {
    Map<String, String> out = new HashMap<>();
    try {
      JsonNode root = Json.MAPPER.readTree(rendered);
      for (JsonNode item : root.path("items")) {
        if (item.path("type").asInt() == 9) {
          for (JsonNode p : item.path("content").path("parameters")) {
            out.put(p.path("name").asText(), p.path("value").asText());
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("the rendered workbook is not JSON: " + e.getMessage(), e);
    }
    return out;
  }

  /** A workbook query with its parameters replaced by their default values. */
  static String withParameterValues(String query, Map<String, String> parameters) {
    Matcher p = WORKBOOK_PARAMETER.matcher(query);
    StringBuilder out = new StringBuilder();
    while (p.find()) {
      String value = parameters.get(p.group(1));
      p.appendReplacement(out, Matcher.quoteReplacement(value == null ? p.group() : value));
    }
    p.appendTail(out);
    return out.toString();
  }

  /** Every query item (type 3) of the workbook, groups included. */
  static List<JsonNode> queryItems(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    collect(root.path("items"), out);
    return out;
  }

  private static void collect(JsonNode items, List<JsonNode> out) {
    for (JsonNode item : items) {
      if (item.path("type").asInt() == 3) {
        out.add(item);
      }
      collect(item.path("content").path("items"), out);
    }
  }
}
