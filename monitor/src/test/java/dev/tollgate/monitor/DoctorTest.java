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
}
