package dev.tollgate.loganalytics;

import static dev.tollgate.loganalytics.testing.LocalLogAnalytics.microsoftExampleBody;
import static dev.tollgate.loganalytics.testing.LocalLogAnalytics.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real azure-monitor-query client, over https, against a local stand-in answering with
 * Microsoft's published example and with the failures the poller must survive.
 */
class AzureLogsQueryTest {
  private static final String WORKSPACE = "63613592-b6f7-4c3d-a390-22ba13102111";
  private static final QueryTimeSpan SPAN =
      new QueryTimeSpan(
          Instant.parse("2017-08-24T00:00:00Z"), Instant.parse("2017-08-25T00:00:00Z"));
  private static final TokenCredential CREDENTIAL = LocalLogAnalytics.TEST_CREDENTIAL;

  private static LocalLogAnalytics server;

  @BeforeAll
  static void start() {
    server = new LocalLogAnalytics();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  private AzureLogsQuery client(int retries, Duration serverTimeout, Duration responseTimeout) {
    var jdk = java.net.http.HttpClient.newBuilder().sslContext(server.clientSslContext());
    var http = new JdkHttpClientBuilder(jdk);
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return AzureLogsQuery.builder()
        .endpoint(server.endpoint())
        .credential(CREDENTIAL)
        .httpClient(http.build())
        .serverTimeout(serverTimeout)
        .retries(retries, Duration.ofMillis(5))
        .build();
  }

  private AzureLogsQuery client() {
    return client(0, Duration.ofSeconds(30), null);
  }

  @Test
  void readsMicrosoftsExampleAnswerWithTypedValuesAndColumnNamesFromTheCells() {
    server.answer(Answer.json(200, microsoftExampleBody()));

    LogsQueryResult result = client().query(WORKSPACE, "Usage | take 10", SPAN);

    assertThat(result.partial()).isFalse();
    assertThat(result.columns())
        .hasSize(21)
        .startsWith("TenantId", "Computer", "TimeGenerated")
        .endsWith("MeterId", "LinkedMeterId", "Type");
    assertThat(result.rows()).hasSize(2);
    Map<String, Object> first = result.rows().get(0);
    assertThat(first.get("Computer")).isEqualTo("ContosoSQLSrv1");
    assertThat(first.get("TimeGenerated")).isEqualTo(Instant.parse("2017-08-24T06:59:59Z"));
    assertThat(first.get("BatchesWithinSla")).isEqualTo(1L);
    assertThat(first.get("AvgLatencyInSeconds")).isEqualTo(1.286);
    assertThat(first.get("Quantity")).isEqualTo(0.076408);
    assertThat(first.get("IsBillable")).isEqualTo(true);
    assertThat(first).containsEntry("LinkedResourceUri", null);
    assertThat(result.rows().get(1).get("Computer")).isEqualTo("Store010Web3");
  }

  @Test
  void sendsTheQueryTimeSpanServerTimeoutAndBearerTokenToTheWorkspacePath() {
    server.answer(Answer.json(200, microsoftExampleBody()));

    client().query(WORKSPACE, "Usage | take 10", SPAN);

    var request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/workspaces/" + WORKSPACE + "/query");
    assertThat(request.header("Authorization")).isEqualTo("Bearer test-token");
    assertThat(request.header("Prefer")).contains("wait=30");
    assertThat(request.json().path("query").asText()).isEqualTo("Usage | take 10");
    assertThat(request.json().path("timespan").asText())
        .isEqualTo("2017-08-24T00:00Z/2017-08-25T00:00Z");
  }

  @Test
  void aPartialErrorReturnsTheRowsFlaggedWithTheReason() {
    server.answer(Answer.json(200, resource("responses/partial-error.json")));

    LogsQueryResult result = client().query(WORKSPACE, "x", SPAN);

    assertThat(result.partial()).isTrue();
    assertThat(result.partialError()).contains("PartialError");
    assertThat(result.rows()).hasSize(2);
    assertThat(result.rows().get(0))
        .containsEntry("timestamp", Instant.parse("2025-06-01T10:00:00Z"))
        .containsEntry("subscription", "team-search")
        .containsEntry("requests", 120L)
        .containsEntry("throttle_rate", 0.025);
  }

  @Test
  void throttlingSurfacesWithRetryAfterAndIsNotRetriedByTheSdk() {
    server.answer(
        Answer.json(429, resource("responses/throttled.json")).withHeader("Retry-After", "7"));

    assertThatThrownBy(() -> client(3, Duration.ofSeconds(30), null).query(WORKSPACE, "x", SPAN))
        .isInstanceOfSatisfying(
            LogsQueryThrottledException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.getMessage()).contains("429").contains("Retry-After 7 s");
            });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void transientServerErrorsAreRetriedByTheSdk() {
    String error = "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}";
    server.answer(
        Answer.json(500, error), Answer.json(503, error), Answer.json(200, microsoftExampleBody()));

    LogsQueryResult result = client(2, Duration.ofSeconds(30), null).query(WORKSPACE, "x", SPAN);

    assertThat(result.rows()).hasSize(2);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aGatewayTimeoutIsATimeout() {
    server.answer(Answer.json(504, resource("responses/gateway-timeout.json")));

    assertThatThrownBy(() -> client(2, Duration.ofSeconds(30), null).query(WORKSPACE, "x", SPAN))
        .isInstanceOf(LogsQueryTimeoutException.class)
        .hasMessageContaining("504")
        .hasMessageContaining("GatewayTimeout");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void noAnswerWithinTheResponseTimeoutIsATimeout() {
    server.answer(Answer.json(200, microsoftExampleBody()).after(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> client(0, null, Duration.ofMillis(300)).query(WORKSPACE, "x", SPAN))
        .isInstanceOf(LogsQueryTimeoutException.class);
  }

  @Test
  void aQueryErrorNamesTheServicesReason() {
    server.answer(Answer.json(400, resource("responses/bad-query.json")));

    assertThatThrownBy(() -> client().query(WORKSPACE, "x", SPAN))
        .isExactlyInstanceOf(LogsQueryException.class)
        .hasMessageContaining("400")
        .satisfies(e -> assertThat(((LogsQueryException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void thePollerTurnsTheExampleAnswerIntoMetricItemsEndToEnd() {
    server.answer(Answer.json(200, microsoftExampleBody()));
    PollerConfig config =
        new PollerConfig(
            WORKSPACE,
            List.of("llm-log-usage.kql"),
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            Map.of(),
            Duration.ofSeconds(1));
    Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:27:00Z"), ZoneOffset.UTC);
    var poller = new LogAnalyticsPoller(client(), QueryCatalog.classpath(), config, clock, d -> {});
    List<MetricRow> items = new ArrayList<>();

    PollReport report = poller.run(items::add);

    assertThat(report.failed()).isFalse();
    assertThat(report.outcomes()).singleElement().extracting(PollReport.Outcome::rows).isEqualTo(2);
    // 2 rows x 6 numeric columns (4 long, 2 real), each row stamped with its TimeGenerated.
    assertThat(items).hasSize(12);
    assertThat(items)
        .filteredOn(i -> i.name().equals("tollgate.la.llm-log-usage.Quantity"))
        .extracting(MetricRow::value)
        .containsExactly(0.076408, 0.106767);
    assertThat(items.get(0).time()).isEqualTo(Instant.parse("2017-08-24T06:59:59Z"));
    assertThat(items.get(0).dimensions())
        .containsEntry("Computer", "ContosoSQLSrv1")
        .containsEntry("tollgate.query", "llm-log-usage.kql");
    var sent = server.requests().get(0).json();
    assertThat(sent.path("query").asText())
        .contains("let start_time = datetime(2025-06-01T10:00:00Z);")
        .contains("let end_time = datetime(2025-06-01T10:15:00Z);")
        .doesNotContain("declare query_parameters");
    assertThat(sent.path("timespan").asText()).isEqualTo("2025-06-01T08:15Z/2025-06-01T10:27Z");
  }
}
