package dev.tollgate.loganalytics;

import static dev.tollgate.loganalytics.testing.WorkspaceRows.body;
import static dev.tollgate.loganalytics.testing.WorkspaceRows.call;
import static dev.tollgate.loganalytics.testing.WorkspaceRows.partialBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.loganalytics.testing.LocalLogAnalytics;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics.Answer;
import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.CostReport;
import dev.tollgate.reports.CostReports;
import dev.tollgate.reports.RecordSink;
import dev.tollgate.reports.ReportPeriod;
import dev.tollgate.reports.UsageRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace report source over the real azure-monitor-query client, against the local https
 * stand-in answering in the shape of {@code llm-requests-workspace.kql}.
 */
class WorkspaceReportSourceTest {
  private static final String WORKSPACE = "63613592-b6f7-4c3d-a390-22ba13102111";
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2025-06-12T06:00:00Z"), ZoneOffset.UTC);
  private static final String EMPTY = body(List.of());

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

  private static WorkspaceReportSource source(Duration chunk) {
    return new WorkspaceReportSource(
        server.client(), WORKSPACE, QueryCatalog.classpath(), chunk, NOW);
  }

  /** Collects what the source hands over. */
  static final class Collect implements RecordSink {
    final List<UsageRecord> records = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();

    @Override
    public void accept(UsageRecord record) {
      records.add(record);
    }

    @Override
    public void malformed(String location, String reason) {
      malformed.add(location + ": " + reason);
    }
  }

  @Test
  void oneQueryPerDayBoundToTheDayWithRowsMappedByTheReportsModule() throws Exception {
    server.answer(
        Answer.json(
            200,
            body(
                List.of(
                    call(
                        "2025-06-10T08:00:00Z",
                        "req:a1",
                        "team-a",
                        "gpt-4o",
                        "gpt-4o-2024-11-20",
                        1000,
                        500,
                        0.00725,
                        ""),
                    call(
                        "2025-06-10T09:00:00Z",
                        "req:a2",
                        "team-a",
                        "gpt-4o",
                        "",
                        0,
                        0,
                        null,
                        "rate_limited")))),
        Answer.json(200, EMPTY));
    Collect sink = new Collect();
    WorkspaceReportSource source = source(WorkspaceReportSource.DAY);

    source.read(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 11), sink);

    assertThat(server.requests()).hasSize(2);
    var first = server.requests().get(0);
    assertThat(first.path()).isEqualTo("/v1/workspaces/" + WORKSPACE + "/query");
    assertThat(first.header("Authorization")).isEqualTo("Bearer test-token");
    assertThat(first.json().path("query").asText())
        .contains("let start_time = datetime(2025-06-10T00:00:00Z);")
        .contains("let end_time = datetime(2025-06-11T00:00:00Z);")
        .contains("AppEvents")
        .doesNotContain("declare query_parameters");
    assertThat(first.json().path("timespan").asText())
        .isEqualTo("2025-06-10T00:00Z/2025-06-11T00:00Z");
    assertThat(server.requests().get(1).json().path("timespan").asText())
        .isEqualTo("2025-06-11T00:00Z/2025-06-12T00:00Z");

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.records).hasSize(2);
    UsageRecord a1 = sink.records.get(0);
    assertThat(a1.time()).isEqualTo(Instant.parse("2025-06-10T08:00:00Z"));
    assertThat(a1.llm()).isTrue();
    assertThat(a1.itemId()).isEqualTo("req:a1");
    assertThat(a1.team()).isEqualTo("team-a");
    assertThat(a1.product()).isEqualTo("gold");
    assertThat(a1.model()).isEqualTo("gpt-4o-2024-11-20");
    assertThat(a1.inputTokens()).isEqualTo(1000);
    assertThat(a1.costUsd()).isEqualByComparingTo("0.00725");
    assertThat(a1.failed()).isFalse(); // "" from tostring() is no error
    UsageRecord a2 = sink.records.get(1);
    assertThat(a2.rateLimited()).isTrue();
    assertThat(a2.model()).isEqualTo("gpt-4o"); // no response model: the request model
    assertThat(a2.costUsd()).isNull();
    assertThat(source.lastRead()).isEqualTo(new WorkspaceReportSource.ReadStats(2, 2, 0, 0, 0));
  }

  @Test
  void aCostReportFromTheWorkspaceEndToEnd() throws Exception {
    // Daily report for 2025-06-11: reads Jun 1..11 (month to date), 11 queries.
    List<Answer> answers = new ArrayList<>();
    for (int d = 1; d <= 11; d++) {
      String day = String.format("2025-06-%02d", d);
      answers.add(
          Answer.json(
              200,
              body(
                  List.of(
                      call(
                          day + "T10:00:00Z",
                          "req:" + d,
                          "team-" + (d % 2),
                          "gpt-4o",
                          "gpt-4o-2024-11-20",
                          100,
                          10,
                          0.5,
                          "")))));
    }
    server.answer(answers.toArray(Answer[]::new));
    WorkspaceReportSource source = source(WorkspaceReportSource.DAY);

    CostReport report =
        CostReports.build(
            source, ReportPeriod.daily(LocalDate.of(2025, 6, 11)), Budgets.none(), NOW);

    assertThat(server.requests()).hasSize(11);
    assertThat(report.totals().requests()).isEqualTo(1);
    assertThat(report.costUsd()).isEqualByComparingTo("0.5");
    assertThat(report.budgets().spentUsd()).isEqualByComparingTo("5.5");
    assertThat(report.input().records()).isEqualTo(11);
    assertThat(report.input().malformed()).isZero();
    assertThat(report.source()).contains(WORKSPACE);
  }

  @Test
  void daysNotYetBegunAreNotQueriedAndShorterChunksSplitADay() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.answer(Answer.json(200, EMPTY));
    }
    // NOW is 2025-06-12T06:00Z: of Jun 12..13 in 6-hour chunks only 00:00-06:00 has begun.
    source(Duration.ofHours(6))
        .read(LocalDate.of(2025, 6, 12), LocalDate.of(2025, 6, 13), new Collect());

    assertThat(server.requests())
        .extracting(r -> r.json().path("timespan").asText())
        .containsExactly("2025-06-12T00:00Z/2025-06-12T06:00Z");
    assertThatThrownBy(() -> source(Duration.ofHours(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("divide a day");
  }

  @Test
  void aPartialResultHandsOverItsRowsAndReportsTheChunk() throws Exception {
    server.answer(
        Answer.json(
            200,
            partialBody(
                List.of(
                    call("2025-06-10T08:00:00Z", "req:a1", "team-a", "gpt-4o", "", 1, 1, 0.1, "")),
                "Query result set has exceeded the internal record count limit 500000")));
    Collect sink = new Collect();
    WorkspaceReportSource source = source(WorkspaceReportSource.DAY);

    source.read(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 10), sink);

    assertThat(sink.records).hasSize(1);
    assertThat(sink.malformed)
        .singleElement()
        .asString()
        .contains("workspace " + WORKSPACE + " 2025-06-10T00:00:00Z..2025-06-11T00:00:00Z")
        .contains("partial result, 1 row(s) handed over")
        .contains("PartialError");
    assertThat(source.lastRead().partialChunks()).isEqualTo(1);
  }

  @Test
  void rowsThatDoNotMapAreMalformedAndSampledRowsAreCounted() throws Exception {
    List<Object> bad = call("2025-06-10T08:00:00Z", "req:x", "team-a", "gpt-4o", "", 1, 1, 0.1, "");
    bad.set(10, "many"); // input tokens the service could not type
    List<Object> sampled =
        call("2025-06-10T09:00:00Z", "req:y", "team-a", "gpt-4o", "", 1, 1, 0.1, "");
    sampled.set(21, 10L);
    server.answer(Answer.json(200, body(List.of(bad, sampled))));
    Collect sink = new Collect();
    WorkspaceReportSource source = source(WorkspaceReportSource.DAY);

    source.read(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 10), sink);

    assertThat(sink.records).extracting(UsageRecord::itemId).containsExactly("req:y");
    assertThat(sink.malformed)
        .singleElement()
        .asString()
        .contains("row 1")
        .contains("gen_ai.usage.input_tokens");
    assertThat(source.lastRead()).isEqualTo(new WorkspaceReportSource.ReadStats(1, 2, 1, 0, 1));
  }

  @Test
  void throttlingStopsTheReadWithRetryAfterAndWhatWasRead() {
    server.answer(
        Answer.json(200, EMPTY),
        Answer.json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}")
            .withHeader("Retry-After", "7"));

    assertThatThrownBy(
            () ->
                source(WorkspaceReportSource.DAY)
                    .read(LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 11), new Collect()))
        .isInstanceOfSatisfying(
            WorkspaceReadException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WorkspaceReadException.Reason.THROTTLED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e.getMessage())
                  .contains("throttled")
                  .contains("2025-06-10T00:00:00Z..2025-06-11T00:00:00Z")
                  .contains("1 earlier range(s)")
                  .contains("try again in 7 s");
            });
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aTimeoutOrAFailureStopsTheReadWithWhatToDo() {
    server.answer(
        Answer.json(504, "{\"error\":{\"code\":\"GatewayTimeout\",\"message\":\"too long\"}}"));
    assertThatThrownBy(
            () ->
                source(WorkspaceReportSource.DAY)
                    .read(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 10), new Collect()))
        .isInstanceOfSatisfying(
            WorkspaceReadException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WorkspaceReadException.Reason.TIMED_OUT);
              assertThat(e.getMessage())
                  .contains("timed out")
                  .contains(LogAnalyticsSettings.SERVER_TIMEOUT);
            });

    server.answer(Answer.json(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"no\"}}"));
    assertThatThrownBy(
            () ->
                source(WorkspaceReportSource.DAY)
                    .read(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 10), new Collect()))
        .isInstanceOfSatisfying(
            WorkspaceReadException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WorkspaceReadException.Reason.FAILED);
              assertThat(e.getMessage()).contains("Log Analytics Reader").contains("403");
            });
  }

  @Test
  void fromSettingsNeedsTheWorkspaceAndPassesTheEndpointToTheClient() throws Exception {
    assertThatThrownBy(() -> WorkspaceReportSource.fromSettings(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(LogAnalyticsSettings.WORKSPACE_ID);

    Map<String, String> env =
        Map.of(
            LogAnalyticsSettings.WORKSPACE_ID,
            " " + WORKSPACE + " ",
            LogAnalyticsSettings.ENDPOINT,
            server.endpoint());
    WorkspaceReportSource source =
        WorkspaceReportSource.fromSettings(
            env, e -> server.client(LogAnalyticsSettings.endpoint(e)));
    server.answer(Answer.json(200, EMPTY));
    source.read(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 10), new Collect());

    assertThat(source.workspaceId()).isEqualTo(WORKSPACE);
    assertThat(server.requests()).hasSize(1);
  }
}
