package dev.tollgate.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.loganalytics.PollReport.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LogAnalyticsPollerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T10:27:30Z"), ZoneOffset.UTC);
  private static final List<String> TWO =
      List.of("llm-log-usage.kql", "apim-throttling-by-subscription.kql");

  /** A scripted LogsQuery: one answer (or failure) per call, in order; records the calls. */
  static final class ScriptedLogs implements LogsQuery {
    record Call(String workspaceId, String kql, QueryTimeSpan span) {}

    final Deque<Supplier<LogsQueryResult>> script = new ArrayDeque<>();
    final List<Call> calls = new ArrayList<>();

    ScriptedLogs then(Supplier<LogsQueryResult> answer) {
      script.add(answer);
      return this;
    }

    @Override
    public LogsQueryResult query(String workspaceId, String kql, QueryTimeSpan span) {
      calls.add(new Call(workspaceId, kql, span));
      Supplier<LogsQueryResult> next = script.poll();
      if (next == null) {
        throw new AssertionError("no scripted answer for call " + calls.size());
      }
      return next.get();
    }
  }

  /** Collects items and counts flushes. */
  static final class Collected implements MetricRowSink {
    final List<MetricRow> items = new ArrayList<>();
    int flushes;

    @Override
    public void accept(MetricRow row) {
      items.add(row);
    }

    @Override
    public void flush() {
      flushes++;
    }
  }

  private final List<Duration> slept = new ArrayList<>();

  private static LogsQueryResult rows(int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("timestamp", Instant.parse("2025-06-01T10:00:00Z").plusSeconds(300L * i));
      r.put("subscription", "team-" + i);
      r.put("requests", 10L + i);
      r.put("total_tokens", 1000L * (i + 1));
      rows.add(r);
    }
    return LogsQueryResult.complete(
        List.of("timestamp", "subscription", "requests", "total_tokens"), rows);
  }

  private static Supplier<LogsQueryResult> throttled(Duration retryAfter) {
    return () -> {
      throw new LogsQueryThrottledException(
          "Log Analytics throttled the query (429)", retryAfter, null);
    };
  }

  private LogAnalyticsPoller poller(
      ScriptedLogs logs, List<String> queries, Map<String, Map<String, String>> params) {
    PollerConfig config =
        new PollerConfig(
            "ws-1",
            queries,
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            params,
            Duration.ofSeconds(30));
    return new LogAnalyticsPoller(logs, QueryCatalog.classpath(), config, CLOCK, slept::add);
  }

  @Test
  void eachRunCoversTheLastCompleteAlignedWindowAndBindsIt() {
    ScriptedLogs logs = new ScriptedLogs().then(() -> rows(3)).then(() -> rows(1));
    Collected sink = new Collected();

    PollReport report = poller(logs, TWO, Map.of()).run(sink);

    // now 10:27:30 minus the 10-minute delay is 10:17:30: the last whole 15-minute window is
    // 10:00-10:15.
    assertThat(report.window())
        .isEqualTo(
            new QueryTimeSpan(
                Instant.parse("2025-06-01T10:00:00Z"), Instant.parse("2025-06-01T10:15:00Z")));
    assertThat(logs.calls)
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.workspaceId()).isEqualTo("ws-1"));
    assertThat(logs.calls.get(0).kql())
        .contains("let start_time = datetime(2025-06-01T10:00:00Z);")
        .contains("let end_time = datetime(2025-06-01T10:15:00Z);")
        .contains("let bin_size = 5m;");
    // The API span reaches back the query's // timespan (PT2H) from the window's end, up to now.
    assertThat(logs.calls.get(0).span())
        .isEqualTo(new QueryTimeSpan(Instant.parse("2025-06-01T08:15:00Z"), CLOCK.instant()));
    assertThat(report.failed()).isFalse();
    assertThat(report.outcomes())
        .extracting(PollReport.Outcome::status, PollReport.Outcome::rows, PollReport.Outcome::items)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Status.OK, 3, 6),
            org.assertj.core.groups.Tuple.tuple(Status.OK, 1, 2));
    assertThat(sink.items).hasSize(8);
    assertThat(sink.items.get(0).name()).isEqualTo("tollgate.la.llm-log-usage.requests");
    assertThat(sink.items.get(6).name())
        .isEqualTo("tollgate.la.apim-throttling-by-subscription.requests");
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(report.summary()).contains("llm-log-usage.kql OK rows=3 items=6");
  }

  @Test
  void configuredParameterValuesReachTheQuery() {
    ScriptedLogs logs = new ScriptedLogs().then(() -> rows(0));

    poller(
            logs,
            List.of("apim-throttling-by-subscription.kql"),
            Map.of(
                "apim-throttling-by-subscription.kql",
                Map.of("url_filter", "", "bin_size", "PT1M")))
        .run(new Collected());

    assertThat(logs.calls.get(0).kql())
        .contains("let url_filter = \"\";")
        .contains("let bin_size = timespan(60000ms);");
  }

  @Test
  void aPartialResultIsEmittedAndFlagged() {
    ScriptedLogs logs =
        new ScriptedLogs()
            .then(
                () ->
                    new LogsQueryResult(
                        rows(2).columns(),
                        rows(2).rows(),
                        true,
                        "PartialError: result set too large"));
    Collected sink = new Collected();

    PollReport report = poller(logs, List.of("llm-log-usage.kql"), Map.of()).run(sink);

    assertThat(report.outcomes().get(0).status()).isEqualTo(Status.PARTIAL);
    assertThat(report.outcomes().get(0).message()).contains("result set too large");
    assertThat(report.failed()).isFalse();
    assertThat(sink.items)
        .hasSize(4)
        .allSatisfy(i -> assertThat(i.dimensions()).containsEntry("tollgate.partial", "true"));
  }

  @Test
  void throttledOnceItWaitsForRetryAfterAndTriesAgain() {
    ScriptedLogs logs =
        new ScriptedLogs()
            .then(throttled(Duration.ofSeconds(7)))
            .then(() -> rows(1))
            .then(() -> rows(1));
    Collected sink = new Collected();

    PollReport report = poller(logs, TWO, Map.of()).run(sink);

    assertThat(slept).containsExactly(Duration.ofSeconds(7));
    assertThat(logs.calls).hasSize(3);
    assertThat(logs.calls.get(1).kql()).isEqualTo(logs.calls.get(0).kql());
    assertThat(report.failed()).isFalse();
    assertThat(sink.items).hasSize(4);
  }

  @Test
  void throttledAgainItGivesUpForThisRunAndSaysSo() {
    ScriptedLogs logs =
        new ScriptedLogs()
            .then(throttled(Duration.ofSeconds(5)))
            .then(throttled(Duration.ofSeconds(20)));
    Collected sink = new Collected();

    PollReport report = poller(logs, TWO, Map.of()).run(sink);

    assertThat(slept).containsExactly(Duration.ofSeconds(5));
    assertThat(logs.calls).hasSize(2);
    assertThat(report.failed()).isTrue();
    assertThat(report.outcomes().get(0).status()).isEqualTo(Status.THROTTLED);
    assertThat(report.outcomes().get(0).message())
        .contains("throttled (429) again after waiting 5 s")
        .contains("Retry-After 20 s")
        .contains("giving up until the next run");
    assertThat(report.outcomes().get(1).status()).isEqualTo(Status.SKIPPED);
    assertThat(report.outcomes().get(1).message())
        .contains("throttled this run at llm-log-usage.kql");
    assertThat(sink.items).isEmpty();
    assertThat(sink.flushes).isEqualTo(1);
  }

  @Test
  void aRetryAfterLongerThanAllowedIsNotWaitedFor() {
    ScriptedLogs logs = new ScriptedLogs().then(throttled(Duration.ofMinutes(5)));

    PollReport report = poller(logs, TWO, Map.of()).run(new Collected());

    assertThat(slept).isEmpty();
    assertThat(report.outcomes().get(0).status()).isEqualTo(Status.THROTTLED);
    assertThat(report.outcomes().get(0).message())
        .contains("Retry-After 300 s, longer than the 30 s");
  }

  @Test
  void aThrottleWithoutRetryAfterWaitsTheDefault() {
    ScriptedLogs logs = new ScriptedLogs().then(throttled(null)).then(() -> rows(0));

    poller(logs, List.of("llm-log-usage.kql"), Map.of()).run(new Collected());

    assertThat(slept).containsExactly(LogAnalyticsPoller.DEFAULT_RETRY_AFTER);
  }

  @Test
  void aTimeoutOrFailureAffectsOnlyItsQuery() {
    ScriptedLogs logs =
        new ScriptedLogs()
            .then(
                () -> {
                  throw new LogsQueryTimeoutException(
                      "the query timed out on Log Analytics (504)", 504, null);
                })
            .then(() -> rows(2));
    Collected sink = new Collected();

    PollReport report = poller(logs, TWO, Map.of()).run(sink);

    assertThat(report.outcomes())
        .extracting(PollReport.Outcome::status)
        .containsExactly(Status.TIMED_OUT, Status.OK);
    assertThat(report.failed()).isTrue();
    assertThat(report.summary())
        .contains("llm-log-usage.kql TIMED_OUT rows=0 items=0 (the query timed out");
    assertThat(sink.items).hasSize(4);

    ScriptedLogs failing =
        new ScriptedLogs()
            .then(
                () -> {
                  throw new LogsQueryException(
                      "Log Analytics answered 400: SemanticError", 400, null);
                })
            .then(() -> rows(1));
    PollReport second = poller(failing, TWO, Map.of()).run(new Collected());
    assertThat(second.outcomes())
        .extracting(PollReport.Outcome::status)
        .containsExactly(Status.FAILED, Status.OK);
  }

  @Test
  void aSinkFailureStopsTheRunButStillFlushes() {
    ScriptedLogs logs = new ScriptedLogs().then(() -> rows(1));
    Collected flushed = new Collected();
    MetricRowSink broken =
        new MetricRowSink() {
          @Override
          public void accept(MetricRow row) {
            throw new IllegalStateException("delivery failed");
          }

          @Override
          public void flush() {
            flushed.flush();
          }
        };

    assertThatThrownBy(() -> poller(logs, TWO, Map.of()).run(broken)).hasMessage("delivery failed");
    assertThat(flushed.flushes).isEqualTo(1);
  }

  @Test
  void misconfigurationIsRefusedUpFront() {
    ScriptedLogs logs = new ScriptedLogs();

    assertThatThrownBy(
            () ->
                poller(
                    logs, List.of("cost-by-subscription-product-deployment-model.kql"), Map.of()))
        .hasMessageContaining("scoped to appinsights")
        .hasMessageContaining("the poller runs workspace queries");
    assertThatThrownBy(() -> poller(logs, List.of("nope.kql"), Map.of()))
        .hasMessageContaining("no query 'nope.kql'");
    assertThatThrownBy(
            () ->
                poller(logs, TWO, Map.of("llm-log-usage.kql", Map.of("bin_size", "five minutes"))))
        .hasMessageContaining("llm-log-usage.kql, parameter bin_size");
    assertThatThrownBy(
            () -> poller(logs, TWO, Map.of("llm-log-usage.kql", Map.of("end_time", "2025-01-01"))))
        .hasMessageContaining("set by the poller's window");
    assertThat(logs.calls).isEmpty();
  }
}
