package dev.tollgate.functions;

import static dev.tollgate.loganalytics.testing.LocalLogAnalytics.microsoftExampleBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.AppInsightsSettings;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.appinsights.testing.FakeIngestionServer.AcceptedItem;
import dev.tollgate.loganalytics.LogAnalyticsPoller;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.PollReport;
import dev.tollgate.loganalytics.PollerConfig;
import dev.tollgate.loganalytics.QueryCatalog;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics.Answer;
import dev.tollgate.monitor.TimerHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poller timer's handler: the real logs client against the local Log Analytics stand-in, the
 * real Application Insights delivery against the fake ingestion server.
 */
class LogAnalyticsPollerHandlerTest {
  private static final String WORKSPACE = "63613592-b6f7-4c3d-a390-22ba13102111";
  private static final Instant NOW = Instant.parse("2025-06-01T10:27:00Z");

  private static LocalLogAnalytics la;
  private FakeIngestionServer ai;
  private final List<String> log = new ArrayList<>();

  @BeforeAll
  static void startLogAnalytics() {
    la = new LocalLogAnalytics();
  }

  @AfterAll
  static void stopLogAnalytics() {
    la.close();
  }

  @BeforeEach
  void start() {
    la.reset();
    ai = FakeIngestionServer.builder().start();
  }

  @AfterEach
  void stop() {
    ai.close();
  }

  private AppInsightsPublisher publisher() {
    return AppInsightsPublisher.fromSettings(
            Map.of(AppInsightsSettings.CONNECTION_STRING, ai.connectionString()))
        .orElseThrow();
  }

  private LogAnalyticsPollerHandler handler(List<String> queries) {
    PollerConfig config =
        new PollerConfig(
            WORKSPACE,
            queries,
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            Map.of(),
            Duration.ofSeconds(1));
    LogAnalyticsPoller poller =
        new LogAnalyticsPoller(
            la.client(),
            QueryCatalog.classpath(),
            config,
            Clock.fixed(NOW, ZoneOffset.UTC),
            d -> {});
    return new LogAnalyticsPollerHandler(poller, publisher());
  }

  private List<AcceptedItem> health() {
    return ai.acceptedItems().stream()
        .filter(i -> TimerHealth.EVENT.equals(i.baseData().path("name").asText()))
        .toList();
  }

  @Test
  void aRunSendsItsMetricItemsAndAHealthEventOfTheTimer() {
    la.answer(Answer.json(200, microsoftExampleBody()));

    Optional<PollReport> report =
        handler(List.of("llm-log-usage.kql")).run(NOW, CapturingLog.to(log));

    assertThat(report).isPresent();
    List<AcceptedItem> metrics =
        ai.acceptedItems().stream().filter(i -> i.baseType().equals("MetricData")).toList();
    // 2 rows x 6 numeric columns, as the poller's own test counts them.
    assertThat(metrics).hasSize(12);
    assertThat(metrics)
        .extracting(i -> i.baseData().at("/metrics/0/name").asText())
        .contains("tollgate.la.llm-log-usage.Quantity");
    assertThat(metrics.get(0).envelope().get("time").asText()).startsWith("2017-08-24T06:59:59");
    assertThat(metrics.get(0).property("tollgate.query")).isEqualTo("llm-log-usage.kql");
    assertThat(metrics).allMatch(i -> i.itemId() != null && !i.itemId().isEmpty());

    assertThat(health())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.property("tollgate.source")).isEqualTo("timer:loganalytics");
              assertThat(h.property("tollgate.la.status")).isEqualTo("ok");
              assertThat(h.property("tollgate.metrics_sent")).isEqualTo("12");
              assertThat(h.property("tollgate.la.window_end")).isEqualTo("2025-06-01T10:15:00Z");
              assertThat(h.envelope().get("time").asText()).startsWith("2025-06-01T10:27");
            });
    assertThat(log).anyMatch(l -> l.contains("llm-log-usage.kql OK rows=2 items=12"));
  }

  @Test
  void aQueryThatDidNotAnswerFailsTheRunAfterItsHealthEvent() {
    la.answer(
        Answer.json(200, microsoftExampleBody()),
        Answer.json(504, "{\"error\":{\"code\":\"GatewayTimeout\",\"message\":\"too long\"}}"));

    assertThatThrownBy(
            () ->
                handler(List.of("llm-log-usage.kql", "apim-throttling-by-subscription.kql"))
                    .run(NOW, CapturingLog.to(log)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apim-throttling-by-subscription.kql TIMED_OUT");

    assertThat(health())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.property("tollgate.source")).isEqualTo("timer:loganalytics");
              assertThat(h.property("tollgate.la.status")).isEqualTo("failed");
              assertThat(h.property("tollgate.la.queries_failed")).isEqualTo("1");
            });
    assertThat(ai.acceptedItems()).filteredOn(i -> i.baseType().equals("MetricData")).hasSize(12);
  }

  @Test
  void withoutAWorkspaceThePollerIsOffButTheTimerStillReportsItsRun() {
    LogAnalyticsPollerHandler h =
        LogAnalyticsPollerHandler.fromSettings(
            Map.of(AppInsightsSettings.CONNECTION_STRING, ai.connectionString()));

    assertThat(h.run(NOW, CapturingLog.to(log))).isEmpty();

    assertThat(log).singleElement().asString().contains("off", LogAnalyticsSettings.WORKSPACE_ID);
    assertThat(health())
        .singleElement()
        .satisfies(x -> assertThat(x.property("tollgate.la.status")).isEqualTo("off"));
  }

  @Test
  void fromSettingsBuildsThePollerFromTheLogAnalyticsSettings() {
    List<String> endpoints = new ArrayList<>();
    Map<String, String> env =
        Map.of(
            LogAnalyticsSettings.WORKSPACE_ID,
            WORKSPACE,
            LogAnalyticsSettings.QUERIES,
            "llm-log-usage.kql",
            LogAnalyticsSettings.ENDPOINT,
            la.endpoint());
    LogAnalyticsPollerHandler h =
        LogAnalyticsPollerHandler.fromSettings(
            env,
            e -> {
              endpoints.add(LogAnalyticsSettings.endpoint(e));
              return la.client(LogAnalyticsSettings.endpoint(e));
            },
            e -> Optional.empty());
    la.answer(Answer.json(200, microsoftExampleBody()));

    Optional<PollReport> report = h.run(Instant.now(), CapturingLog.to(log));

    assertThat(endpoints).containsExactly(la.endpoint());
    assertThat(report).get().extracting(PollReport::items).isEqualTo(12);
    assertThat(la.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).contains(WORKSPACE));
    assertThat(log).anyMatch(l -> l.contains("12 metric item(s) not sent"));
    assertThat(ai.acceptedItems()).isEmpty();

    assertThatThrownBy(
            () ->
                LogAnalyticsPollerHandler.fromSettings(
                    Map.of(
                        LogAnalyticsSettings.WORKSPACE_ID,
                        WORKSPACE,
                        LogAnalyticsSettings.QUERIES,
                        "no-such-query.kql"),
                    e -> la.client(),
                    e -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-query.kql");
  }
}
