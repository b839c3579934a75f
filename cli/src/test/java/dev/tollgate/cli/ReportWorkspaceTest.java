package dev.tollgate.cli;

import static dev.tollgate.loganalytics.testing.WorkspaceRows.body;
import static dev.tollgate.loganalytics.testing.WorkspaceRows.call;
import static dev.tollgate.loganalytics.testing.WorkspaceRows.partialBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate report --workspace ID} through the real azure-monitor-query client against the
 * local https stand-in, reached with the hidden {@code --la-endpoint} option or {@code
 * TOLLGATE_LA_ENDPOINT}.
 */
class ReportWorkspaceTest {
  private static final String WORKSPACE = "63613592-b6f7-4c3d-a390-22ba13102111";

  private static LocalLogAnalytics server;

  @TempDir Path tmp;
  private final List<String> endpoints = new ArrayList<>();

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

  private CliRun run(Map<String, String> env, String... args) {
    ReportCommand report = new ReportCommand();
    report.clock = Clock.fixed(Instant.parse("2025-06-11T06:00:00Z"), ZoneOffset.UTC);
    report.env = env;
    report.logsClient =
        settings -> {
          String endpoint = LogAnalyticsSettings.endpoint(settings);
          endpoints.add(endpoint);
          return server.client(endpoint);
        };
    return CliRun.runWith(report, args);
  }

  @Test
  void withoutDatesTheWorkspaceReportIsOfYesterday() throws Exception {
    // Daily report of 2025-06-10: the month to date, Jun 1..10, one query per day.
    List<Answer> answers = new ArrayList<>();
    for (int d = 1; d <= 10; d++) {
      String day = String.format("2025-06-%02d", d);
      answers.add(
          Answer.json(
              200,
              body(
                  List.of(
                      call(
                          day + "T08:00:00Z",
                          "req:" + d,
                          "team-a",
                          "gpt-4o",
                          "gpt-4o-2024-11-20",
                          1000,
                          500,
                          0.00725,
                          "")))));
    }
    server.answer(answers.toArray(Answer[]::new));
    Path outDir = tmp.resolve("out");

    CliRun result =
        run(
            Map.of(),
            "report",
            "--workspace",
            WORKSPACE,
            "--la-endpoint",
            server.endpoint(),
            "--out",
            outDir.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(endpoints).containsExactly(server.endpoint());
    assertThat(server.requests()).hasSize(10);
    assertThat(server.requests().get(9).json().path("timespan").asText())
        .isEqualTo("2025-06-10T00:00Z/2025-06-11T00:00Z");
    assertThat(result.out())
        .contains("Cost report daily, 2025-06-10 to 2025-06-10 (UTC): 1 LLM requests, 0.00725 USD")
        .contains("2025-06 to date 0.0725 USD");
    JsonNode summary =
        Json.MAPPER.readTree(
            Files.readString(outDir.resolve("reports/2025/06/10/daily-cost-summary.json")));
    assertThat(summary.toString()).contains(WORKSPACE);
  }

  @Test
  void theEndpointSettingAppliesAndPartialOrThrottledReadsAreSaid() throws Exception {
    // Jun 1 and the day before (the previous period).
    server.answer(
        Answer.json(200, body(List.of())),
        Answer.json(
            200,
            partialBody(
                List.of(
                    call("2025-06-01T08:00:00Z", "req:1", "team-a", "gpt-4o", "", 1, 1, 0.5, "")),
                "Query result set has exceeded the internal record count limit")));
    Map<String, String> env = Map.of(LogAnalyticsSettings.ENDPOINT, server.endpoint());

    CliRun result =
        run(
            env,
            "report",
            "--workspace",
            WORKSPACE,
            "--from",
            "2025-06-01",
            "--to",
            "2025-06-01",
            "--out",
            tmp.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(endpoints).containsExactly(server.endpoint());
    assertThat(result.err())
        .contains("1 of 2 daily queries returned a partial result")
        .contains("skipped 1 unreadable line(s) or partial result(s)");

    server.reset();
    server.answer(
        Answer.json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow\"}}")
            .withHeader("Retry-After", "30"));
    result =
        run(
            env,
            "report",
            "--workspace",
            WORKSPACE,
            "--period",
            "daily",
            "--to",
            "2025-06-01",
            "--out",
            tmp.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("tollgate: Log Analytics throttled the report query")
        .contains("try again in 30 s");
  }
}
