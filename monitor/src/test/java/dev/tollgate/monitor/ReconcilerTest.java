package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.LogsQueryResult;
import dev.tollgate.loganalytics.QueryCatalog;
import dev.tollgate.monitor.testing.LocalAzure;
import dev.tollgate.monitor.testing.LocalPublisher;
import dev.tollgate.monitor.testing.LocalTls;
import dev.tollgate.monitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform side through the real MetricsClient against {@link LocalAzure}; gateway side as the rows
 * the KQL file returns; events to the fake ingestion endpoint.
 */
class ReconcilerTest {
  static final String ACCOUNT =
      "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/"
          + "Microsoft.CognitiveServices/accounts/aoai-main";
  static final Instant NOW = Instant.parse("2026-03-02T11:25:00Z");
  static final List<String> DIMS = List.of("ModelDeploymentName", "ModelName", "ModelVersion");

  LocalAzure azure;
  FakeIngestionServer ingestion;
  final List<String> queries = new ArrayList<>();

  /**
   * One account with a chat and an embeddings deployment. Per minute: chat 10 calls, 700 prompt +
   * 300 generated tokens; embed 5 calls, 200 tokens.
   */
  static LocalAzure platform() throws Exception {
    LocalAzure azure = LocalAzure.start();
    azure.account(
        new LocalAzure.AccountSpec(
            ACCOUNT,
            "swedencentral",
            "OpenAI",
            Map.of(
                "AzureOpenAIRequests", List.of("ModelDeploymentName", "StatusCode"),
                "ProcessedPromptTokens", DIMS,
                "GeneratedTokens", DIMS),
            List.of(
                new LocalAzure.Deployment(
                    "chat", "gpt-4.1", "2025-04-14", "GlobalStandard", 100, List.of("200")),
                new LocalAzure.Deployment(
                    "embed", "text-embedding-3-small", "1", "Standard", 100, List.of("200")))));
    azure.truth(
        (r, m, t, d) -> {
          boolean chat = "chat".equals(d.get("ModelDeploymentName"));
          return switch (m) {
            case "AzureOpenAIRequests" -> chat ? 10.0 : 5.0;
            case "ProcessedPromptTokens" -> chat ? 700.0 : 200.0;
            case "GeneratedTokens" -> chat ? 300.0 : null;
            default -> null;
          };
        });
    return azure;
  }

  @BeforeEach
  void setUp() throws Exception {
    azure = platform();
    ingestion = FakeIngestionServer.builder().start();
  }

  @AfterEach
  void tearDown() {
    azure.close();
    ingestion.close();
  }

  static Map<String, Object> gatewayRow(
      String deployment, double requests, double input, double output, double estimated) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("deployment", deployment);
    row.put("requests", requests);
    row.put("backend_requests", requests);
    row.put("input_tokens", input);
    row.put("output_tokens", output);
    row.put("estimated_requests", estimated);
    row.put("no_usage_requests", 0.0);
    row.put("truncated_requests", 0.0);
    return row;
  }

  /** A reconciler reading the platform from {@code azure} and the gateway from {@code logs}. */
  static Reconciler reconciler(LocalAzure azure, LogsQuery logs) {
    Jobs jobs =
        Jobs.create(
            azure.endpoint(),
            azure.endpoint(),
            List.of("11111111-2222-3333-4444-555555555555"),
            List.of(),
            List.of(),
            LocalTls.CREDENTIAL,
            LocalTls.get().httpClient(),
            0,
            Duration.ZERO);
    return new Reconciler(
        Reconciler.Config.defaults(),
        jobs.accounts(),
        jobs.metrics(),
        logs,
        "workspace-guid",
        QueryCatalog.classpath());
  }

  ReconciliationHandler handler(List<Map<String, Object>> gatewayRows) {
    LogsQuery logs =
        (workspace, kql, span) -> {
          queries.add(kql);
          return LogsQueryResult.complete(List.copyOf(gatewayRows.get(0).keySet()), gatewayRows);
        };
    Reconciler reconciler = reconciler(azure, logs);
    AppInsightsPublisher publisher = LocalPublisher.to(ingestion);
    return new ReconciliationHandler(reconciler, publisher, new MutableClock(NOW));
  }

  Map<String, String> event(String deployment) {
    return ingestion.acceptedItems().stream()
        .filter(i -> "TollgateReconciliation".equals(i.baseData().path("name").asText()))
        .filter(i -> deployment.equals(i.property("azure.openai.deployment")))
        .findFirst()
        .map(
            i -> {
              Map<String, String> m = new LinkedHashMap<>();
              i.baseData()
                  .path("properties")
                  .fields()
                  .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
              m.put("time", i.envelope().path("time").asText());
              return m;
            })
        .orElseThrow();
  }

  @Test
  void thirtyPercentBypassIsFlagged_exactAgreementIsNot() {
    // Window 10:00-11:00 (now 11:25, 20 minutes delay). The gateway saw 70% of chat, all of embed.
    ReconciliationHandler h =
        handler(
            List.of(
                gatewayRow("chat", 420, 29_400, 12_600, 0),
                gatewayRow("embed", 300, 12_000, 0, 0)));

    Reconciler.Report report = h.run(Logger.getAnonymousLogger());

    assertThat(report.windowStart()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(report.errors()).isEmpty();
    Map<String, String> chat = event("chat");
    assertThat(chat)
        .containsEntry("tollgate.reconciliation.platform_tokens", "60000")
        .containsEntry("tollgate.reconciliation.gateway_tokens", "42000")
        .containsEntry("tollgate.reconciliation.drift_ratio", "0.3000")
        .containsEntry("tollgate.reconciliation.platform_requests", "600")
        .containsEntry("tollgate.reconciliation.gateway_requests", "420")
        .containsEntry("tollgate.reconciliation.verdict", "bypass_suspected")
        .containsEntry("azure.openai.accounts", "aoai-main")
        .containsEntry("time", "2026-03-02T10:00:00Z");
    assertThat(chat.get("tollgate.item_id")).startsWith("recon:h");
    Map<String, String> embed = event("embed");
    assertThat(embed)
        .containsEntry("tollgate.reconciliation.platform_tokens", "12000")
        .containsEntry("tollgate.reconciliation.gateway_tokens", "12000")
        .containsEntry("tollgate.reconciliation.drift_ratio", "0.0000")
        .containsEntry("tollgate.reconciliation.verdict", "ok");
    // The gateway query ran with the window bound as lets.
    assertThat(queries)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q).contains("let start_time = datetime(2026-03-02T10:00:00Z)");
              assertThat(q).contains("AppEvents");
            });
    assertThat(ingestion.acceptedItems())
        .filteredOn(i -> "TollgatePipelineHealth".equals(i.baseData().path("name").asText()))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.property("tollgate.source")).isEqualTo("timer:reconciliation");
              assertThat(i.property("tollgate.reconciliation.flagged")).isEqualTo("1");
            });
  }

  @Test
  void matchingCallsWithEstimatedTokensAreEstimatesOff_silenceEverywhereIsALoggingGap() {
    Reconciler.Report estimates =
        handler(
                List.of(
                    gatewayRow("chat", 600, 42_000, 6_000, 400),
                    gatewayRow("embed", 300, 12_000, 0, 0)))
            .run(Logger.getAnonymousLogger());
    assertThat(estimates.rows())
        .filteredOn(r -> r.deployment().equals("chat"))
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).isEqualTo("estimates_off"));

    Reconciler.Report silent =
        handler(List.of(gatewayRow("", 0, 0, 0, 0))).run(Logger.getAnonymousLogger());
    assertThat(silent.rows())
        .allSatisfy(r -> assertThat(r.verdict()).isEqualTo("gateway_logging_gap"));
  }
}
