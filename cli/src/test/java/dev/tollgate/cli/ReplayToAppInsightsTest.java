package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.appinsights.AppInsightsSettings;
import dev.tollgate.appinsights.AppInsightsSink;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.appinsights.testing.FakeIngestionServer.AcceptedItem;
import dev.tollgate.appinsights.testing.FakeIngestionServer.Answer;
import dev.tollgate.core.testing.ApimRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code replay} command sending to the local Application Insights ingestion stand-in
 * (Microsoft's schema, injected faults): nothing the run produced may be missing there, above all
 * not the last minute and the health event, which are held back until the end of the run.
 */
class ReplayToAppInsightsTest {
  @TempDir Path tmp;

  /** Minutes 10:00 to 10:07 but 10:03, one Event Hub message per minute, a few 429s among them. */
  private Path logsOverSeveralMinutes() throws Exception {
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (int minute : new int[] {0, 1, 2, 4, 5, 6, 7}) {
      StringBuilder envelope = new StringBuilder("{\"records\":[");
      for (int i = 0; i < 3 + minute % 3; i++, n++) {
        boolean throttled = n % 7 == 3;
        String deployment = n % 2 == 0 ? "gpt-4o" : "gpt-4o-mini";
        String response =
            throttled
                ? "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit\"}}"
                : "{\"id\":\"c"
                    + n
                    + "\",\"model\":\""
                    + deployment
                    + "\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"ok\"}}],"
                    + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":12}}";
        String record =
            ApimRecord.call(
                    "/openai/deployments/"
                        + deployment
                        + "/chat/completions?api-version=2024-10-21",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    response,
                    throttled ? 429 : 200)
                .time(String.format("2026-11-20T10:%02d:%02d.2500000Z", minute, 5 + 9 * i))
                .correlationId(String.format("00000000-0000-4000-8000-%012d", n))
                .json();
        envelope.append(i == 0 ? "" : ",").append(record);
      }
      lines.add(envelope.append("]}").toString());
    }
    return Files.write(tmp.resolve("later.jsonl"), lines, StandardCharsets.UTF_8);
  }

  @Test
  void everyMinuteWithRequestsAndTheHealthEventArriveOnceDespiteFaults() throws Exception {
    try (FakeIngestionServer ingestion =
        FakeIngestionServer.builder()
            .script(
                // Whatever request meets them: a partial success (one item to send again), a 500,
                // throttling with Retry-After 0 (no waiting), then the normal answers.
                Answer.partial(Map.of(0, 500, 1, 503)),
                Answer.internalServerError(),
                Answer.tooManyRequests(0),
                Answer.serviceUnavailable(0))
            .start()) {
      ReplayCommand replay = new ReplayCommand();
      replay.environment =
          Map.of(AppInsightsSettings.CONNECTION_STRING, ingestion.connectionString());
      Path out = tmp.resolve("out");
      CliRun result =
          CliRun.runWith(
              replay,
              "replay",
              "--window-lateness",
              "1",
              "--out",
              out.toString(),
              ReplayCommandTest.samples().resolve("gateway-logs.jsonl").toString(),
              logsOverSeveralMinutes().toString());
      assertThat(result.code()).as(result.err()).isZero();
      assertThat(ingestion.fixtureFailures()).isEmpty();
      assertThat(ingestion.scriptedAnswersLeft()).as("every fault was met").isZero();
      assertThat(ingestion.rejectedItems()).isNotEmpty();
      assertThat(ingestion.duplicateAcceptances()).isEmpty();

      // What the run produced, from its own requests.jsonl: LLM requests per minute, and ids.
      Map<Instant, Integer> llmPerMinute = new TreeMap<>();
      Set<String> llmIds = new HashSet<>();
      for (JsonNode r : ReplayCommandTest.lines(out.resolve("requests.jsonl"))) {
        if (r.get("tollgate.llm").asBoolean()) {
          llmIds.add(r.get("tollgate.item_id").asText());
          Instant minute = Instant.parse(r.get("time").asText()).truncatedTo(ChronoUnit.MINUTES);
          llmPerMinute.merge(minute, 1, Integer::sum);
        }
      }
      assertThat(llmPerMinute).hasSize(3 + 7);

      // Every minute that has requests has its metrics, counting all of them.
      Map<Instant, Integer> requestsMetric = new TreeMap<>();
      for (JsonNode e : ingestion.acceptedEnvelopes()) {
        JsonNode metric = e.at("/data/baseData/metrics/0");
        if (metric.path("name").asText().equals("tollgate.requests")) {
          requestsMetric.merge(
              Instant.parse(e.get("time").asText()), metric.get("value").asInt(), Integer::sum);
        }
      }
      assertThat(requestsMetric).isEqualTo(llmPerMinute);

      // Every LLM request's event (other gateway calls are counted, not sent).
      Set<String> events = new HashSet<>();
      for (AcceptedItem item : ingestion.acceptedItems()) {
        if (item.baseData().path("name").asText().equals(AppInsightsSink.REQUEST_EVENT)) {
          events.add(item.itemId());
        }
      }
      assertThat(events).isEqualTo(llmIds);

      // The health event, once, telling the whole run.
      List<AcceptedItem> health =
          ingestion.acceptedItems().stream()
              .filter(i -> i.baseData().path("name").asText().equals(AppInsightsSink.HEALTH_EVENT))
              .toList();
      assertThat(health).hasSize(1);
      int llm = llmPerMinute.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(health.get(0).property("tollgate.llm_requests")).isEqualTo(String.valueOf(llm));
      assertThat(health.get(0).property("tollgate.dead_letters")).isEqualTo("1");
      assertThat(Integer.parseInt(health.get(0).property("tollgate.delivery.retries")))
          .isPositive();
    }
  }
}
