package dev.tollgate.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tollgate.core.json.Json;
import dev.tollgate.functions.deployment.BicepText.ModuleCall;
import dev.tollgate.functions.deployment.BicepText.Param;
import dev.tollgate.functions.deployment.QueryUses.QueryUse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment (bicep/), the settings files and the code agree, checked without a Bicep compiler
 * (none can run here): each check is a function of the files' text, run on the real files (no
 * problem) and on broken copies (the problem is reported). Settings that only the generated
 * function.json files name, and unused settings, are checked after {@code package} by {@link
 * DeploymentSettingsIT}.
 */
class DeploymentConsistencyTest {
  private static final Path ROOT = Repo.root();
  private static final Path MAIN = ROOT.resolve("bicep/main.bicep");
  private static final Path ALERTS = ROOT.resolve("bicep/modules/alerts.bicep");
  private static final Path WORKBOOK = ROOT.resolve("bicep/modules/workbook.bicep");
  private static final Path TEMPLATE = ROOT.resolve("bicep/workbook/tollgate.workbook.json");

  private static Map<Path, String> bicepFiles() {
    Map<Path, String> out = new LinkedHashMap<>();
    for (Path p : Repo.bicepFiles()) {
      out.put(p, Repo.read(p));
    }
    return out;
  }

  private static Map<String, String> settingsTheCodeReads() {
    List<Path> sources = Repo.mainJavaSources();
    Map<String, String> read = new TreeMap<>(CodeSettings.fromSettingsClasses(sources));
    CodeSettings.fromLiteralReads(sources).forEach(read::putIfAbsent);
    return read;
  }

  // ---------------------------------------------------------------------------------------------
  // Settings
  // ---------------------------------------------------------------------------------------------

  @Test
  void everySettingTheCodeReadsIsSetInTheBicepAndInTheSample() {
    Map<String, String> read = settingsTheCodeReads();
    Set<String> prefixes = CodeSettings.connectionPrefixes(read.keySet());

    assertThat(
            SettingsCheck.missing(
                "bicep/ (app settings)",
                read,
                prefixes,
                SettingsCheck.bicepAppSettings(Repo.bicepFiles())))
        .isEmpty();
    assertThat(
            SettingsCheck.missing(
                "local.settings.sample.json",
                read,
                prefixes,
                SettingsCheck.sampleSettings(Repo.read("local.settings.sample.json"))))
        .isEmpty();
  }

  @Test
  void discoveryFindsTheSettingsOfEverySettingsClassAndEveryLiteralRead() {
    List<Path> sources = Repo.mainJavaSources();
    Map<String, String> fromClasses = CodeSettings.fromSettingsClasses(sources);
    Map<String, String> fromReads = CodeSettings.fromLiteralReads(sources);

    assertThat(fromClasses.values().stream().map(o -> o.substring(0, o.indexOf('.'))).distinct())
        .contains("TollgateSettings", "AppSettings", "AppInsightsSettings", "OtlpSettings");
    assertThat(fromClasses)
        .containsEntry("TOLLGATE_EVENTS", "AppInsightsSettings.EVENTS")
        .containsEntry("TOLLGATE_PRICE_CATALOG_FILE", "TollgateSettings.PRICE_CATALOG_FILE")
        .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "OtlpSettings.ENDPOINT")
        // Built from EVENTHUB_CONNECTION + "__fullyQualifiedNamespace".
        .containsEntry(
            "EventHubConnection__fullyQualifiedNamespace", "AppSettings.EVENTHUB_NAMESPACE");
    assertThat(fromReads).containsKey("WEBSITE_INSTANCE_ID");
    assertThat(CodeSettings.connectionPrefixes(fromClasses.keySet()))
        .contains("EventHubConnection", "AzureWebJobsStorage");
  }

  @Test
  void constantsAreEvaluatedAcrossSettingsClassesAndUnknownOnesFailLoudly(@TempDir Path dir)
      throws Exception {
    Path a = dir.resolve("ASettings.java");
    Path b = dir.resolve("BSettings.java");
    Files.writeString(
        a,
        "class ASettings {\n  public static final String PREFIX = \"MyConn\";\n"
            + "  public static final String HOST = PREFIX + \"__host\";\n}\n");
    Files.writeString(
        b,
        "class BSettings {\n  public static final String OTHER =\n      ASettings.PREFIX + \"__x\";\n"
            + "  public static final String PLAIN = \"B_PLAIN\";\n"
            + "  public static final String LABEL = \"not a setting name\";\n}\n");
    Files.writeString(
        dir.resolve("Reader.java"),
        "class Reader { void r() { System.getenv(\"DIRECT_ONE\"); env.get(\"DIRECT_TWO\"); } }\n");

    Map<String, String> found = CodeSettings.fromSettingsClasses(List.of(a, b));
    assertThat(found.keySet())
        .containsExactlyInAnyOrder("MyConn", "MyConn__host", "MyConn__x", "B_PLAIN");
    assertThat(CodeSettings.connectionPrefixes(found.keySet())).contains("MyConn");
    assertThat(CodeSettings.fromLiteralReads(List.of(dir.resolve("Reader.java"))).keySet())
        .containsExactlyInAnyOrder("DIRECT_ONE", "DIRECT_TWO");

    Files.writeString(
        a, "class ASettings {\n  public static final String BAD = String.valueOf(1);\n}\n");
    assertThatThrownBy(() -> CodeSettings.fromSettingsClasses(List.of(a)))
        .hasMessageContaining("ASettings")
        .hasMessageContaining("BAD");
  }

  @Test
  void theSettingsCheckReportsAMissingOrUnusedSetting() {
    Map<String, String> read = settingsTheCodeReads();
    Set<String> prefixes = CodeSettings.connectionPrefixes(read.keySet());
    Set<String> sample =
        new java.util.TreeSet<>(
            SettingsCheck.sampleSettings(Repo.read("local.settings.sample.json")));
    sample.remove("TOLLGATE_EVENTS");
    sample.add("TOLLGATE_NOT_READ_BY_ANYONE");

    assertThat(SettingsCheck.missing("sample", read, prefixes, sample))
        .anySatisfy(p -> assertThat(p).contains("TOLLGATE_EVENTS", "AppInsightsSettings.EVENTS"));
    assertThat(SettingsCheck.unused("sample", sample, read.keySet(), prefixes))
        .contains("sample sets TOLLGATE_NOT_READ_BY_ANYONE, which no code reads");

    // A connection is satisfied by NAME or NAME__*, not by nothing.
    Set<String> bicep = new java.util.TreeSet<>(SettingsCheck.bicepAppSettings(Repo.bicepFiles()));
    assertThat(bicep).contains("AzureWebJobsStorage__accountName");
    assertThat(bicep).doesNotContain("AzureWebJobsStorage");
    bicep.removeIf(n -> n.startsWith("AzureWebJobsStorage"));
    assertThat(SettingsCheck.missing("bicep", read, prefixes, bicep))
        .anySatisfy(p -> assertThat(p).contains("does not set AzureWebJobsStorage"));
    // Platform-owned settings are never required, and allowed.
    assertThat(
            SettingsCheck.missing("x", Map.of("WEBSITE_INSTANCE_ID", "code"), prefixes, Set.of()))
        .isEmpty();
    assertThat(SettingsCheck.unused("x", Set.of("FUNCTIONS_WORKER_RUNTIME"), Set.of(), prefixes))
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // JSON schemas
  // ---------------------------------------------------------------------------------------------

  /**
   * The official host.json schema, applied as the alternative that fits this app: {@code
   * version-2-ext-5} (host.json version 2.0, extension bundle 4.x: Event Hubs extension 5). The
   * published top-level {@code oneOf} cannot be used as it stands: {@code version-2} and {@code
   * version-2-ext-5} differ only in {@code extensions.serviceBus}, so a file without Service Bus
   * settings matches both, and {@code oneOf} (exactly one) rejects it. With {@code
   * withDocumentedEventHubsProperties}, the two Event Hubs properties the schema lacks are added
   * (schemastore/SOURCES.md); the definitions are otherwise as published.
   */
  private static Schema hostSchema(boolean withDocumentedEventHubsProperties) throws Exception {
    ObjectNode published =
        (ObjectNode) Json.MAPPER.readTree(Repo.resource("schemastore/host.schema.json"));
    ObjectNode definitions = (ObjectNode) published.path("definitions");
    if (withDocumentedEventHubsProperties) {
      JsonNode eventHubs =
          definitions.at("/version-2-ext-5/properties/extensions/properties/eventHubs");
      ObjectNode v5 = (ObjectNode) eventHubs.path("oneOf").get(0).path("properties");
      v5.putObject("minEventBatchSize").put("type", "integer").put("minimum", 1);
      v5.putObject("maxWaitTime")
          .put("type", "string")
          .put("pattern", "^\\d\\d:[0-5]\\d:[0-5]\\d$");
    }
    ObjectNode schema = Json.MAPPER.createObjectNode();
    schema.put("$schema", published.path("$schema").asText());
    schema.set("definitions", definitions);
    schema.put("$ref", "#/definitions/version-2-ext-5");
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
        .getSchema(schema.toString());
  }

  @Test
  void thePublishedHostSchemaAsAWholeRejectsAnyFileWithoutServiceBusSettings() throws Exception {
    Schema whole =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(Repo.resource("schemastore/host.schema.json"));
    // Why hostSchema() picks the alternative: the smallest valid host.json fails the oneOf.
    assertThat(messages(whole.validate("{\"version\": \"2.0\"}", InputFormat.JSON)))
        .anySatisfy(m -> assertThat(m).contains("one and only one", "1, 2"));
  }

  private static Schema localSettingsSchema() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
        .getSchema(Repo.resource("schemastore/local.settings.schema.json"));
  }

  private static List<String> messages(List<Error> errors) {
    List<String> out = new ArrayList<>();
    errors.forEach(e -> out.add(e.getInstanceLocation() + ": " + e.getMessage()));
    return out;
  }

  @Test
  void hostJsonAndTheSampleSettingsValidateAgainstTheOfficialSchemas() throws Exception {
    assertThat(messages(hostSchema(true).validate(Repo.read("host.json"), InputFormat.JSON)))
        .isEmpty();
    assertThat(
            messages(
                localSettingsSchema()
                    .validate(Repo.read("local.settings.sample.json"), InputFormat.JSON)))
        .isEmpty();
  }

  @Test
  void theOfficialHostSchemaLacksOnlyTheTwoDocumentedEventHubsProperties() throws Exception {
    ObjectNode host = (ObjectNode) Json.MAPPER.readTree(Repo.read("host.json"));
    ObjectNode eventHubs = (ObjectNode) host.path("extensions").path("eventHubs");
    eventHubs.remove(List.of("minEventBatchSize", "maxWaitTime"));

    // Without those two, host.json passes the schema exactly as published.
    assertThat(messages(hostSchema(false).validate(host.toString(), InputFormat.JSON))).isEmpty();
    assertThat(messages(hostSchema(false).validate(Repo.read("host.json"), InputFormat.JSON)))
        .isNotEmpty();
  }

  @Test
  void theSchemasRejectBrokenFiles() throws Exception {
    ObjectNode host = (ObjectNode) Json.MAPPER.readTree(Repo.read("host.json"));
    host.put("functionTimeout", "25:00:00");
    assertThat(messages(hostSchema(true).validate(host.toString(), InputFormat.JSON))).isNotEmpty();

    ObjectNode unknown = (ObjectNode) Json.MAPPER.readTree(Repo.read("host.json"));
    ((ObjectNode) unknown.path("extensions").path("eventHubs")).put("maxEventBatchSise", 10);
    assertThat(messages(hostSchema(true).validate(unknown.toString(), InputFormat.JSON)))
        .isNotEmpty();

    ObjectNode sample = (ObjectNode) Json.MAPPER.readTree(Repo.read("local.settings.sample.json"));
    sample.put("IsEncrypted", "no");
    ((ObjectNode) sample.path("Values")).put("FUNCTIONS_WORKER_RUNTIME", "cobol");
    assertThat(messages(localSettingsSchema().validate(sample.toString(), InputFormat.JSON)))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Files, modules, parameters, API versions, roles
  // ---------------------------------------------------------------------------------------------

  @Test
  void everyLoadedFileExistsAndEveryQueryIsAFileTheKqlCheckCovers() {
    Map<Path, String> files = bicepFiles();
    assertThat(DeploymentChecks.loadedFiles(files, ROOT.resolve("queries"))).isEmpty();
    assertThat(String.join("\n", files.values())).contains("loadTextContent('../../queries/");
    // The KQL check (QueriesKqlCheckTest) runs over every file of queries/.
    assertThat(
            ROOT.resolve(
                "loganalytics/src/test/java/dev/tollgate/loganalytics/QueriesKqlCheckTest.java"))
        .isRegularFile();
    assertThat(
            Repo.read(
                "loganalytics/src/test/java/dev/tollgate/loganalytics/QueriesKqlCheckTest.java"))
        .contains("root.resolve(\"queries\")");

    Map<Path, String> broken = new LinkedHashMap<>();
    broken.put(ALERTS, "var t = loadTextContent('../../queries/no-such-query.kql')\n");
    broken.put(
        WORKBOOK,
        "var t = loadTextContent('../../loganalytics/src/test/resources/kql-broken/syntax-error.kql')\n");
    assertThat(DeploymentChecks.loadedFiles(broken, ROOT.resolve("queries")))
        .anySatisfy(p -> assertThat(p).contains("no-such-query.kql", "does not exist"))
        .anySatisfy(p -> assertThat(p).contains("syntax-error.kql", "not in"));
  }

  @Test
  void everyModuleExistsAndGetsExactlyTheParametersItDeclares() {
    String main = Repo.read(MAIN);
    assertThat(new BicepText(main).modules())
        .extracting(ModuleCall::path)
        .contains(
            "modules/functionapp.bicep",
            "modules/alerts.bicep",
            "modules/workbook.bicep",
            "modules/apim-diagnostics.bicep",
            "modules/openai-account.bicep");
    assertThat(DeploymentChecks.moduleCalls(MAIN, main)).isEmpty();

    String broken =
        main.replace("    apimName: apimName\n", "    apimNmae: apimName\n")
            .replace("'modules/roles.bicep'", "'modules/no-such-module.bicep'");
    assertThat(DeploymentChecks.moduleCalls(MAIN, broken))
        .contains(
            "module apimDiagnostics is not given its parameter apimName",
            "module apimDiagnostics is given apimNmae, which it does not declare",
            "module roles: modules/no-such-module.bicep does not exist");
  }

  @Test
  void theParameterFileSetsOnlyDeclaredParametersAndEveryRequiredOne() {
    Map<String, Param> params = new BicepText(Repo.read(MAIN)).params();
    String bicepparam = Repo.read("bicep/main.bicepparam");
    assertThat(DeploymentChecks.parameterFile(bicepparam, params)).isEmpty();
    assertThat(params.get("apimName").defaultValue()).isNull();

    String broken = bicepparam.replace("param apimName =", "param apimNam =");
    assertThat(DeploymentChecks.parameterFile(broken, params))
        .containsExactlyInAnyOrder(
            "main.bicepparam sets apimNam, which main.bicep does not declare",
            "main.bicepparam does not set the required parameter apimName");
  }

  @Test
  void apiVersionsAreStableButForTheDocumentedPreviewsAndOnePerType() {
    Map<String, Set<String>> versions = DeploymentChecks.apiVersions(bicepFiles());
    assertThat(versions)
        .containsKeys(
            "Microsoft.Web/sites",
            "Microsoft.Storage/storageAccounts",
            "Microsoft.EventHub/namespaces",
            "Microsoft.Insights/components",
            "Microsoft.Insights/scheduledQueryRules",
            "Microsoft.Insights/workbooks",
            "Microsoft.Authorization/roleAssignments");
    assertThat(DeploymentChecks.apiVersionProblems(versions)).isEmpty();

    Map<String, Set<String>> broken = new LinkedHashMap<>(versions);
    broken.put("Microsoft.Web/sites", Set.of("2024-11-01", "2025-03-01"));
    broken.put("Microsoft.Insights/workbooks", Set.of("2024-02-01-preview"));
    assertThat(DeploymentChecks.apiVersionProblems(broken)).hasSize(2);
  }

  @Test
  void roleAssignmentsUseOnlyLeastPrivilegeBuiltInRoles() {
    Map<Path, String> files = bicepFiles();
    assertThat(DeploymentChecks.roles(files)).isEmpty();
    String all = String.join("\n", files.values());
    for (String id : DeploymentChecks.ALLOWED_ROLES.values()) {
      assertThat(all).as("role %s is assigned", id).contains(id);
    }

    Path roles = ROOT.resolve("bicep/modules/roles.bicep");
    Map<Path, String> broken = new LinkedHashMap<>();
    broken.put(
        roles,
        files
            .get(roles)
            .replace(
                "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "b24988ac-6180-42a0-ab88-20f7382dd24c"));
    assertThat(DeploymentChecks.roles(broken))
        .anySatisfy(p -> assertThat(p).contains("privileged role"))
        .anySatisfy(p -> assertThat(p).contains("roleIds.storageBlobDataOwner"));
  }

  @Test
  void theFunctionAppIsLockedDownAndUsesEntraIdEverywhere() {
    String app = Repo.read("bicep/modules/functionapp.bicep");
    assertThat(app)
        .contains("kind: 'functionapp,linux'")
        .contains("type: 'SystemAssigned'")
        .contains("httpsOnly: true")
        .contains("reserved: true")
        .contains("name: 'java'\n    version: '17'")
        .contains("linuxFxVersion: 'Java|17'")
        .contains("tier: 'FlexConsumption'")
        .contains("tier: 'ElasticPremium'")
        .contains("type: 'SystemAssignedIdentity'")
        .contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'")
        .contains("AzureWebJobsStorage__credential: 'managedidentity'")
        .contains("EventHubConnection__credential: 'managedidentity'")
        .doesNotContain("AccountKey")
        .doesNotContain("listKeys(");
    assertThat(app.split("minTlsVersion: '1.2'", -1)).hasSize(3);
    // Premium only: Flex rejects ftpsState (StackChecksTest), FTP is off by the policy below.
    assertThat(app.split("ftpsState: 'Disabled'", -1)).hasSize(2);
    assertThat(app).contains("name: 'ftp'\n  properties: {\n    allow: false");

    assertThat(Repo.read("bicep/modules/storage.bicep"))
        .contains("allowSharedKeyAccess: false")
        .contains("minimumTlsVersion: 'TLS1_2'")
        .contains("allowBlobPublicAccess: false");
    assertThat(Repo.read("bicep/modules/monitoring.bicep"))
        .contains("DisableLocalAuth: true")
        .contains("WorkspaceResourceId: workspace.id");
    assertThat(Repo.read("bicep/modules/eventhub.bicep"))
        .contains("minimumTlsVersion: '1.2'")
        .contains("name: consumerGroupName");
    assertThat(Repo.read("bicep/modules/apim-diagnostics.bicep"))
        .contains("category: 'GatewayLogs'")
        .contains("category: 'GatewayLlmLogs'")
        .contains("logAnalyticsDestinationType: empty(workspaceId) ? null : 'Dedicated'")
        .contains("eventHubName: eventHubName");
    for (Path p : Repo.bicepFiles()) {
      assertThat(Repo.read(p)).as(p.toString()).doesNotContain("listKeys(", "connectionString(");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queries: bindings, thresholds, KQL check of what Azure will run
  // ---------------------------------------------------------------------------------------------

  private static List<QueryUse> alertRules() {
    return QueryUses.read(ALERTS, "rules");
  }

  private static List<QueryUse> workbookQueries() {
    return QueryUses.read(WORKBOOK, "queries");
  }

  @Test
  void everyAlertRuleAndWorkbookItemBindsExactlyTheParametersItsQueryDeclares() {
    List<QueryUse> rules = alertRules();
    List<QueryUse> items = workbookQueries();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(9);
    assertThat(rules)
        .extracting(QueryUse::loadPath)
        .contains(
            "../../queries/alert-budget-burn-rate.kql",
            "../../queries/error-rate.kql",
            "../../queries/latency-p95-from-buckets.kql",
            "../../queries/throttling-rate-by-subscription.kql",
            "../../queries/alert-content-filter-spike.kql",
            "../../queries/alert-reconciliation-drift.kql",
            "../../queries/alert-unpriced-model.kql",
            "../../queries/alert-dead-letters-and-lag.kql",
            "../../queries/alert-timer-stopped.kql",
            "../../queries/alert-gateway-bypass.kql",
            "../../queries/alert-key-listing.kql");
    assertThat(items)
        .extracting(QueryUse::loadPath)
        .contains(
            "../../queries/gateway-bypass.kql",
            "../../queries/alert-gateway-bypass.kql",
            "../../queries/alert-key-listing.kql");
    assertThat(DeploymentChecks.bindings(rules)).isEmpty();
    assertThat(DeploymentChecks.bindings(items)).isEmpty();
    // A rule runs where its file's scope says (bindings checks they agree): alerts.bicep makes the
    // workspace rules a resource of their own, scoped to and granted on the workspace.
    assertThat(rules).allSatisfy(r -> assertThat(r.scope()).isIn("appinsights", "workspace"));
    assertThat(Repo.read(ALERTS))
        .contains("filter(rules, r => r.scope == 'workspace')")
        .contains("filter(rules, r => r.scope != 'workspace')");

    QueryUse errorRate =
        rules.stream()
            .filter(r -> r.loadPath().endsWith("/error-rate.kql"))
            .findFirst()
            .orElseThrow();
    List<String> fewer = new ArrayList<>(errorRate.lets());
    fewer.remove(0);
    fewer.add("let no_such_parameter = 1;");
    QueryUse broken =
        new QueryUse(
            errorRate.bicepFile(),
            errorRate.label(),
            errorRate.loadPath(),
            errorRate.queryFile(),
            fewer,
            "| where x > 1",
            Map.of("scope", "'workspace'"));
    assertThat(DeploymentChecks.bindings(List.of(broken)))
        .anySatisfy(p -> assertThat(p).contains("declared but not bound: [lookback]"))
        .anySatisfy(p -> assertThat(p).contains("bound but not declared: [no_such_parameter]"))
        .anySatisfy(p -> assertThat(p).contains("scope workspace but the file says appinsights"))
        .anySatisfy(p -> assertThat(p).contains("suffix"));
  }

  @Test
  void alertThresholdsAreParametersWithDefaultsInMainBicep() {
    BicepText main = new BicepText(Repo.read(MAIN));
    Map<String, Param> mainParams = main.params();
    Map<String, Param> alertsParams = new BicepText(Repo.read(ALERTS)).params();
    Map<String, String> call =
        main.modules().stream()
            .filter(m -> m.path().equals("modules/alerts.bicep"))
            .findFirst()
            .orElseThrow()
            .params();
    assertThat(DeploymentChecks.alertThresholds(alertRules(), alertsParams, mainParams, call))
        .isEmpty();

    Map<String, Param> noDefault = new LinkedHashMap<>(mainParams);
    noDefault.put("alertErrorRatePercent", new Param("alertErrorRatePercent", "int", null));
    QueryUse rule = alertRules().get(1);
    Map<String, String> fixed = new LinkedHashMap<>(rule.properties());
    fixed.put("threshold", "5");
    QueryUse literal =
        new QueryUse(
            rule.bicepFile(),
            "literal",
            rule.loadPath(),
            rule.queryFile(),
            List.of("let lookback = 15m;"),
            "",
            fixed);
    assertThat(
            DeploymentChecks.alertThresholds(List.of(rule, literal), alertsParams, noDefault, call))
        .containsExactly(
            rule.label() + ": alertErrorRatePercent has no default in main.bicep",
            "literal: no threshold parameter (threshold or ${...} in lets or suffix)");
  }

  @Test
  void theGatewayBypassAndKeyListingRulesJudgeWholeWindowsOfTheAccountsLogs() {
    Map<String, QueryUse> byFile = new LinkedHashMap<>();
    alertRules().forEach(r -> byFile.put(r.queryFile().getFileName().toString(), r));
    QueryUse bypass = byFile.get("alert-gateway-bypass.kql");
    QueryUse keys = byFile.get("alert-key-listing.kql");

    assertThat(DeploymentChecks.securityRules(bypass, keys)).isEmpty();

    Map<String, String> loud = new LinkedHashMap<>(keys.properties());
    loud.put("severity", "3");
    loud.put("frequency", "'PT1H'");
    List<String> lets = new ArrayList<>(bypass.lets());
    lets.replaceAll(l -> l.replace("bin(now() - ${alertIngestionDelayMinutes}m, 1h)", "now()"));
    assertThat(
            DeploymentChecks.securityRules(
                new QueryUse(
                    bypass.bicepFile(),
                    bypass.label(),
                    bypass.loadPath(),
                    bypass.queryFile(),
                    lets,
                    bypass.suffix(),
                    bypass.properties()),
                new QueryUse(
                    keys.bicepFile(),
                    keys.label(),
                    keys.loadPath(),
                    keys.queryFile(),
                    keys.lets(),
                    keys.suffix(),
                    loud)))
        .anySatisfy(p -> assertThat(p).contains("key-listing", "severity 3"))
        .anySatisfy(p -> assertThat(p).contains("gateway-bypass", "not aligned"))
        .anySatisfy(p -> assertThat(p).contains("key-listing", "frequency PT1H", "PT15M"));
  }

  @Test
  void theQueriesAzureWillRunPassTheKqlCheck(@TempDir Path dir) throws Exception {
    Map<String, Param> mainParams = new BicepText(Repo.read(MAIN)).params();
    UnaryOperator<String> defaults = DeploymentChecks.defaultsOf(mainParams);
    Path alerts = Files.createDirectory(dir.resolve("alerts"));
    Map<String, String> expected = new LinkedHashMap<>();
    for (QueryUse rule : alertRules()) {
      String text = QueryUses.render(QueryUses.resolved(rule, defaults));
      assertThat(text).doesNotContain("${", "declare query_parameters");
      String name = "alert-" + rule.label().replaceAll("[^A-Za-z0-9-]", "_") + ".kql";
      Files.writeString(alerts.resolve(name), text);
      expected.put(name, rule.label());
    }
    Path workbook = Files.createDirectory(dir.resolve("workbook"));
    String template = Repo.read(TEMPLATE);
    List<QueryUse> items = workbookQueries();
    Map<String, String> parameters =
        DeploymentChecks.workbookParameters(DeploymentChecks.render(template, items));
    for (var e : DeploymentChecks.renderedQueries(template, items).entrySet()) {
      String name = "workbook-" + e.getKey() + ".kql";
      Files.writeString(
          workbook.resolve(name), DeploymentChecks.withParameterValues(e.getValue(), parameters));
      expected.put(name, e.getKey());
    }
    // And one rule broken on purpose: the check must catch it.
    Path broken = Files.createDirectory(dir.resolve("broken"));
    QueryUse rule = QueryUses.resolved(alertRules().get(1), defaults);
    Files.writeString(
        broken.resolve("broken-suffix.kql"),
        QueryUses.render(
            new QueryUse(
                rule.bicepFile(),
                rule.label(),
                rule.loadPath(),
                rule.queryFile(),
                rule.lets(),
                "| extend pct = error_ratio * 100.0\n",
                rule.properties())));

    Map<String, List<String>> report = KqlChecker.check(alerts, workbook, broken);

    assertThat(report.keySet()).containsAll(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(report.get(name)).as("KQL diagnostics of %s", name).isEmpty();
    }
    assertThat(report.get("broken-suffix.kql"))
        .anySatisfy(d -> assertThat(d).contains("error_ratio"));
  }

  // ---------------------------------------------------------------------------------------------
  // Workbook
  // ---------------------------------------------------------------------------------------------

  @Test
  void theWorkbookParsesAndEveryQueryItemIsABoundQueryFile() throws Exception {
    String template = Repo.read(TEMPLATE);
    List<QueryUse> items = workbookQueries();
    assertThat(DeploymentChecks.workbook(template, items, Repo.read(WORKBOOK))).isEmpty();

    JsonNode rendered = Json.MAPPER.readTree(DeploymentChecks.render(template, items));
    assertThat(rendered.path("version").asText()).isEqualTo("Notebook/1.0");
    assertThat(DeploymentChecks.queryItems(rendered)).hasSize(items.size());
    assertThat(DeploymentChecks.render(template, items))
        .doesNotContain("{{tollgate:", "__APPINSIGHTS_ID__");
  }

  @Test
  void theWorkbookCheckReportsBrokenTemplates() {
    String template = Repo.read(TEMPLATE);
    List<QueryUse> items = workbookQueries();
    String bicep = Repo.read(WORKBOOK);

    assertThat(DeploymentChecks.workbook("{ not json", items, bicep))
        .singleElement()
        .asString()
        .contains("not JSON");
    assertThat(
            DeploymentChecks.workbook(
                template.replace("{{tollgate:drift}}", "{{tollgate:no-such-key}}"), items, bicep))
        .contains(
            "the workbook uses {{tollgate:no-such-key}}, which workbook.bicep does not bind",
            "workbook.bicep binds queries the workbook does not use: [drift]");
    assertThat(
            DeploymentChecks.workbook(
                template.replace("{{tollgate:drift}}", "customEvents | take 1"), items, bicep))
        .anySatisfy(p -> assertThat(p).contains("not one {{tollgate:KEY}} placeholder"));
    assertThat(
            DeploymentChecks.workbook(template, items, bicep.replace("'__WORKSPACE_ID__'", "'x'")))
        .contains("workbook.bicep does not replace __WORKSPACE_ID__");
    // A workspace query pointed at Application Insights.
    int coverage = template.indexOf("{{tollgate:coverage}}");
    String wrongScope =
        template.substring(0, coverage)
            + template
                .substring(coverage)
                .replaceFirst(
                    "microsoft.operationalinsights/workspaces", "microsoft.insights/components");
    assertThat(DeploymentChecks.workbook(wrongScope, items, bicep))
        .anySatisfy(p -> assertThat(p).contains("coverage", "scope is workspace"));
  }
}
