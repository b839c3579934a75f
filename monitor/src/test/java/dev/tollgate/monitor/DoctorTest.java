package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.loganalytics.LogsQueryResult;
import dev.tollgate.monitor.testing.LocalAzure;
import dev.tollgate.monitor.testing.LocalTls;
import dev.tollgate.monitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DoctorTest {
  static final String SUB = "77777777-2222-3333-4444-555555555555";
  static final String APIM =
      "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.ApiManagement/service/gw";
  static final String GOOD =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/good";
  static final String LOCKED =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/locked";

  LocalAzure azure;

  @BeforeEach
  void setUp() throws Exception {
    azure = LocalAzure.start();
    Map<String, List<String>> metrics =
        Map.of("AzureOpenAIRequests", List.of("ModelDeploymentName"), "GeneratedTokens", List.of());
    var d =
        new LocalAzure.Deployment("chat", "gpt-4o", "2024-11-20", "GlobalStandard", 10, List.of());
    azure.account(new LocalAzure.AccountSpec(GOOD, "eastus", "OpenAI", metrics, List.of(d)));
    azure.account(new LocalAzure.AccountSpec(LOCKED, "eastus", "OpenAI", metrics, List.of(d)));
    azure.armResource(
        GOOD + "/providers/Microsoft.Insights/diagnosticSettings",
        json(
            """
            {"value":[{"id":"%s/providers/microsoft.insights/diagnosticSettings/logs","name":"logs",
              "properties":{"workspaceId":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w",
                "logs":[{"categoryGroup":"allLogs","enabled":true}],"metrics":[]}}]}
            """
                .formatted(GOOD)));
    azure.armResource(
        LOCKED + "/providers/Microsoft.Insights/diagnosticSettings", json("{\"value\":[]}"));
    azure.forbid(LOCKED + "/providers/Microsoft.Insights/metricDefinitions");
  }

  @AfterEach
  void tearDown() {
    azure.close();
  }

  static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Doctor doctor(Map<String, String> env) {
    Jobs jobs =
        Jobs.create(
            azure.endpoint(),
            azure.endpoint(),
            List.of(),
            List.of(),
            List.of(GOOD, LOCKED),
            LocalTls.CREDENTIAL,
            LocalTls.get().httpClient(),
            0,
            Duration.ZERO);
    return new Doctor(
        env,
        jobs,
        (w, kql, span) -> LogsQueryResult.complete(List.of("ok"), List.of(Map.of("ok", 1L))),
        new MutableClock(Instant.parse("2026-03-02T10:00:00Z")));
  }

  static Doctor.Check check(Doctor.Result r, String name) {
    return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aGoodSetupPasses_aMissingRoleAndMissingLogsAreNamedWithTheirFix() {
    azure.armResource(
        APIM + "/providers/Microsoft.Insights/diagnosticSettings",
        json(
            """
            {"value":[{"id":"%s/providers/microsoft.insights/diagnosticSettings/tollgate","name":"tollgate",
              "properties":{"eventHubAuthorizationRuleId":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/authorizationrules/RootManageSharedAccessKey",
                "eventHubName":"apim-logs",
                "logs":[{"category":"GatewayLogs","enabled":true},{"category":"GatewayLlmLogs","enabled":true}],
                "metrics":[]}}]}
            """
                .formatted(APIM)));
    azure.armResource(
        APIM + "/diagnostics/azuremonitor",
        json(
            """
            {"id":"x","name":"azuremonitor","properties":{"loggerId":"/loggers/azuremonitor",
              "frontend":{"request":{"body":{"bytes":8192}},"response":{"body":{"bytes":8192}}}}}
            """));

    Doctor.Result r =
        doctor(
                Map.of(
                    MonitorSettings.APIM_RESOURCE_ID,
                    APIM,
                    "TOLLGATE_EVENTHUB_NAME",
                    "apim-logs",
                    "TOLLGATE_LA_WORKSPACE_ID",
                    "w-guid",
                    "APPLICATIONINSIGHTS_CONNECTION_STRING",
                    "InstrumentationKey=k"))
            .run();

    assertThat(check(r, "apim.diagnostic_setting").status()).isEqualTo(Doctor.Status.OK);
    assertThat(check(r, "apim.llm_logs").status()).isEqualTo(Doctor.Status.OK);
    assertThat(check(r, "apim.bodies").status()).isEqualTo(Doctor.Status.OK);
    assertThat(check(r, "account.good.metrics").status()).isEqualTo(Doctor.Status.OK);
    assertThat(check(r, "account.good.logs").status()).isEqualTo(Doctor.Status.OK);
    assertThat(check(r, "loganalytics").status()).isEqualTo(Doctor.Status.OK);
    Doctor.Check locked = check(r, "account.locked.metrics");
    assertThat(locked.status()).isEqualTo(Doctor.Status.FAIL);
    assertThat(locked.fix()).contains("Monitoring Reader");
    assertThat(check(r, "account.locked.logs").status()).isEqualTo(Doctor.Status.WARN);
    assertThat(r.healthy()).isFalse();
    assertThat(r.text())
        .contains("FAIL account.locked.metrics")
        .contains("fix: grant this identity");
    assertThat(json(r.json()).path("healthy").asBoolean(true)).isFalse();
  }

  @Test
  void anApimWithoutGatewayLogsOrBodiesFails() {
    azure.armResource(
        APIM + "/providers/Microsoft.Insights/diagnosticSettings",
        json(
            """
            {"value":[{"id":"%s/providers/microsoft.insights/diagnosticSettings/audit","name":"audit",
              "properties":{"workspaceId":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w",
                "logs":[{"category":"GatewayLogs","enabled":true}],"metrics":[]}}]}
            """
                .formatted(APIM)));
    azure.armResource(
        APIM + "/diagnostics/azuremonitor",
        json(
            "{\"id\":\"x\",\"name\":\"azuremonitor\",\"properties\":{\"loggerId\":\"/loggers/azuremonitor\"}}"));

    Doctor.Result r = doctor(Map.of(MonitorSettings.APIM_RESOURCE_ID, APIM)).run();

    Doctor.Check setting = check(r, "apim.diagnostic_setting");
    assertThat(setting.status()).isEqualTo(Doctor.Status.FAIL);
    assertThat(setting.detail()).contains("found: audit");
    assertThat(setting.fix())
        .contains("az monitor diagnostic-settings create")
        .contains("GatewayLlmLogs");
    assertThat(check(r, "apim.bodies").status()).isEqualTo(Doctor.Status.FAIL);
    assertThat(check(r, "loganalytics").status()).isEqualTo(Doctor.Status.WARN);
  }

  // APIM's answers below follow the published examples of the 2024-06-01-preview REST API
  // (ApiManagementListApis.json, ApiManagementGetApiDiagnostic.json in Azure/azure-rest-api-specs):
  // a list page with value/count/nextLink "", and diagnostics with frontend/backend body bytes and,
  // in the preview, largeLanguageModel.

  static final String OPENAI_API = "azure-openai";

  /** The APIs list: one Azure OpenAI API (by its backend host), one by path, one echo API. */
  void apis() {
    azure.armResource(
        APIM + "/providers/Microsoft.Insights/diagnosticSettings",
        json(
            """
            {"value":[{"id":"%s/providers/microsoft.insights/diagnosticSettings/tollgate","name":"tollgate",
              "properties":{"eventHubName":"apim-logs",
                "logs":[{"category":"GatewayLogs","enabled":true},{"category":"GatewayLlmLogs","enabled":true}],
                "metrics":[]}}]}
            """
                .formatted(APIM)));
    azure.armResource(
        APIM + "/apis",
        json(
            """
            {"value":[
              {"id":"%1$s/apis/azure-openai","type":"Microsoft.ApiManagement/service/apis","name":"azure-openai",
               "properties":{"displayName":"Azure OpenAI","apiRevision":"1",
                 "serviceUrl":"https://contoso-aoai.openai.azure.com/openai","path":"llm","protocols":["https"],"isCurrent":true}},
              {"id":"%1$s/apis/chat-pool","type":"Microsoft.ApiManagement/service/apis","name":"chat-pool",
               "properties":{"displayName":"Chat (backend pool)","apiRevision":"1",
                 "path":"openai","protocols":["https"],"isCurrent":true}},
              {"id":"%1$s/apis/echo-api","type":"Microsoft.ApiManagement/service/apis","name":"echo-api",
               "properties":{"displayName":"Echo API","apiRevision":"1",
                 "serviceUrl":"http://echoapi.cloudapp.net/api","path":"echo","protocols":["https"],"isCurrent":true}}
            ],"count":3,"nextLink":""}
            """
                .formatted(APIM)));
  }

  /** An azuremonitor diagnostic as the Bicep sets it on an API: bodies and LLM logs. */
  static JsonNode diagnostic(String path, int bytes, String llmLogs) {
    return json(
        """
        {"id":"%s/diagnostics/azuremonitor","type":"Microsoft.ApiManagement/service/apis/diagnostics",
         "name":"azuremonitor","properties":{"alwaysLog":"allErrors","logClientIp":true,
           "loggerId":"%s/loggers/azuremonitor","verbosity":"information",
           "sampling":{"samplingType":"fixed","percentage":100},
           "frontend":{"request":{"headers":[],"body":{"bytes":%d}},"response":{"headers":[],"body":{"bytes":%d}}},
           "backend":{"request":{"headers":[],"body":{"bytes":0}},"response":{"headers":[],"body":{"bytes":0}}},
           "largeLanguageModel":{"logs":"%s"}}}
        """
            .formatted(path, APIM, bytes, bytes, llmLogs));
  }

  /** All APIs log no bodies (the portal's default), as when only the APIs' own logging is set. */
  void allApisWithoutBodies() {
    azure.armResource(
        APIM + "/diagnostics/azuremonitor",
        json(
            """
            {"id":"%s/diagnostics/azuremonitor","type":"Microsoft.ApiManagement/service/diagnostics",
             "name":"azuremonitor","properties":{"loggerId":"/loggers/azuremonitor",
               "frontend":{"request":{"headers":[],"body":{"bytes":0}},"response":{"headers":[],"body":{"bytes":0}}}}}
            """
                .formatted(APIM)));
  }

  @Test
  void eachAzureOpenAiApisOwnLoggingCountsAsTheBicepSetsIt() {
    apis();
    allApisWithoutBodies();
    for (String api : List.of(OPENAI_API, "chat-pool")) {
      String path = APIM + "/apis/" + api;
      azure.armResource(path + "/diagnostics/azuremonitor", diagnostic(path, 8192, "enabled"));
    }

    Doctor.Result r = doctor(Map.of(MonitorSettings.APIM_RESOURCE_ID, APIM)).run();

    Doctor.Check bodies = check(r, "apim.bodies");
    assertThat(bodies.status()).isEqualTo(Doctor.Status.OK);
    assertThat(bodies.detail())
        .contains("azure-openai: 8192/8192 bytes (its own Azure Monitor logging)")
        .contains("chat-pool: 8192/8192")
        .doesNotContain("echo-api");
    assertThat(check(r, "apim.api_llm_logs").status()).isEqualTo(Doctor.Status.OK);
    // Read in the API version that has largeLanguageModel, the one the Bicep writes.
    assertThat(azure.requests())
        .filteredOn(
            q ->
                q.path()
                    .toLowerCase(java.util.Locale.ROOT)
                    .endsWith("/apis/azure-openai/diagnostics/azuremonitor"))
        .singleElement()
        .satisfies(q -> assertThat(q.query()).containsEntry("api-version", "2024-06-01-preview"));
  }

  @Test
  void anAzureOpenAiApiWithoutBodiesFailsByNameEvenWhenAllApisLogThem() {
    apis();
    azure.armResource(APIM + "/diagnostics/azuremonitor", diagnostic(APIM, 8192, "disabled"));
    String own = APIM + "/apis/" + OPENAI_API;
    // The API's own logging overrides All APIs': here it logs no bodies and no LLM logs.
    azure.armResource(own + "/diagnostics/azuremonitor", diagnostic(own, 0, "disabled"));

    Doctor.Result r = doctor(Map.of(MonitorSettings.APIM_RESOURCE_ID, APIM)).run();

    Doctor.Check bodies = check(r, "apim.bodies");
    assertThat(bodies.status()).isEqualTo(Doctor.Status.FAIL);
    assertThat(bodies.detail())
        .contains("azure-openai: 0/0 bytes (its own Azure Monitor logging)")
        .doesNotContain("chat-pool");
    assertThat(bodies.fix()).contains("apimOpenAiApiNames");
    Doctor.Check llm = check(r, "apim.api_llm_logs");
    assertThat(llm.status()).isEqualTo(Doctor.Status.WARN);
    assertThat(llm.detail()).contains("azure-openai", "chat-pool");
  }

  @Test
  void anApiWithoutItsOwnLoggingIsJudgedOnAllApis() {
    apis();
    allApisWithoutBodies();
    String own = APIM + "/apis/" + OPENAI_API;
    azure.armResource(own + "/diagnostics/azuremonitor", diagnostic(own, 8192, "enabled"));

    Doctor.Result r = doctor(Map.of(MonitorSettings.APIM_RESOURCE_ID, APIM)).run();

    Doctor.Check bodies = check(r, "apim.bodies");
    assertThat(bodies.status()).isEqualTo(Doctor.Status.FAIL);
    assertThat(bodies.detail())
        .contains("chat-pool: 0/0 bytes (All APIs' Azure Monitor logging)")
        .doesNotContain("azure-openai:");
  }

  @Test
  void azureOpenAiApisAreRecognisedByBackendHostOrPath() {
    assertThat(ApimLogging.azureOpenAi("https://x.openai.azure.com/openai", "llm")).isTrue();
    assertThat(ApimLogging.azureOpenAi("https://x.cognitiveservices.azure.com", "ai")).isTrue();
    assertThat(ApimLogging.azureOpenAi("https://x.services.ai.azure.com/models", "m")).isTrue();
    assertThat(ApimLogging.azureOpenAi("", "team/openai")).isTrue();
    assertThat(ApimLogging.azureOpenAi("http://echoapi.cloudapp.net/api", "echo")).isFalse();
    assertThat(ApimLogging.azureOpenAi("not a url", "echo")).isFalse();
  }
}
