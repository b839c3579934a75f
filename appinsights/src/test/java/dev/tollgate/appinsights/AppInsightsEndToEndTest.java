package dev.tollgate.appinsights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.appinsights.testing.FakeIngestionServer.Answer;
import dev.tollgate.core.aggregate.WindowAggregator;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.ProgressStore;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.Sinks;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's output through the real HTTP client into a local server that speaks the v2.1 track
 * contract, validates every envelope against Microsoft's schema, and injects faults.
 */
class AppInsightsEndToEndTest {
  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  /** 240 chat calls over 4 minutes, 3 teams, one of which the service will refuse (400). */
  static List<EventBody> batch(String partition) {
    List<EventBody> bodies = new ArrayList<>();
    Random random = new Random(42);
    long seq = 1000;
    for (int m = 0; m < 4; m++) {
      StringBuilder envelope = new StringBuilder("{\"records\":[");
      for (int i = 0; i < 60; i++) {
        int n = m * 60 + i;
        String team = n % 3 == 0 ? "team-a" : n % 3 == 1 ? "team-b" : "team-refused";
        int status = n % 17 == 0 ? 429 : 200;
        String resp =
            status == 429
                ? "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit\"}}"
                : "{\"id\":\"c"
                    + n
                    + "\",\"model\":\"gpt-4o-2024-11-20\",\"choices\":[{\"index\":0,"
                    + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}],"
                    + "\"usage\":{\"prompt_tokens\":"
                    + (100 + random.nextInt(900))
                    + ",\"completion_tokens\":"
                    + (10 + random.nextInt(90))
                    + "}}";
        String rec =
            ApimRecord.call(
                    "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    resp,
                    status)
                .time(String.format("2026-11-20T09:%02d:%02d.5000000Z", 50 + m, i % 60))
                .correlationId(String.format("00000000-0000-4000-8000-%012d", n))
                .subscription(team)
                .durationMs(200 + random.nextInt(3000))
                .json();
        envelope.append(i == 0 ? "" : ",").append(rec);
      }
      bodies.add(new EventBody(envelope.append("]}").toString(), partition, seq++, NOW, "eh"));
    }
    return bodies;
  }

  static AppInsightsSink sink(FakeIngestionServer server, CollectingSink deadLetters) {
    return sink(server, deadLetters, 50);
  }

  static AppInsightsSink sink(
      FakeIngestionServer server, CollectingSink deadLetters, int maxBatchItems) {
    HttpIngestionClient client =
        HttpIngestionClient.builder()
            .connectionString(ConnectionString.parse(server.connectionString()))
            .timeout(Duration.ofSeconds(5))
            .build();
    TrackDelivery delivery =
        TrackDelivery.builder()
            .client(client)
            .maxBatchItems(maxBatchItems)
            .maxAttempts(30)
            .random(new Random(7))
            .sleeper(d -> {})
            .build();
    return AppInsightsSink.builder()
        .delivery(delivery)
        .instrumentationKey(server.instrumentationKey())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .source("test:partition-0")
        .rejected(deadLetters::deadLetter)
        .build();
  }

  /** Sum of the accepted {@code tollgate.requests} metric values. */
  static double requestsMetric(FakeIngestionServer server) {
    return server.acceptedEnvelopes().stream()
        .filter(m -> m.at("/data/baseData/metrics/0/name").asText().equals("tollgate.requests"))
        .mapToDouble(m -> m.at("/data/baseData/metrics/0/value").asDouble())
        .sum();
  }

  @Test
  void implausibleUsageIsCountedInTheMetricsAndTheHealthEventAndKeptOutOfTheTokens()
      throws Exception {
    String path = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
    String good =
        "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":10}}";
    String huge =
        "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":9007199254740993,"
            + "\"completion_tokens\":10}}";
    try (FakeIngestionServer server = FakeIngestionServer.start()) {
      var run = Pipeline.builder().build().start(sink(server, new CollectingSink()));
      run.accept(
          EventBody.ofText(ApimRecord.call(path, null, good, 200).correlationId("ok").json(), "t"));
      run.accept(
          EventBody.ofText(
              ApimRecord.call(path, null, huge, 200).correlationId("huge").json(), "t"));
      run.close();

      Map<String, Double> metrics = new HashMap<>();
      for (JsonNode e : server.acceptedEnvelopes()) {
        JsonNode m = e.at("/data/baseData/metrics/0");
        if (!m.isMissingNode()) {
          metrics.merge(m.path("name").asText(), m.path("value").asDouble(), Double::sum);
        }
      }
      assertThat(metrics)
          .containsEntry("tollgate.requests", 2.0)
          .containsEntry("tollgate.requests.implausible_usage", 1.0)
          .containsEntry("tollgate.tokens.input", 100.0);
      assertThat(server.acceptedEnvelopes())
          .filteredOn(
              e -> e.at("/data/baseData/name").asText().equals(AppInsightsSink.HEALTH_EVENT))
          .singleElement()
          .satisfies(
              h ->
                  assertThat(h.at("/data/baseData/properties/tollgate.implausible_usage").asText())
                      .isEqualTo("1"));
    }
  }

  @Test
  void aReplayWithWindowLatenessSendsEachMinuteAsItClosesAndTheTotalsMatch() throws Exception {
    try (FakeIngestionServer server = FakeIngestionServer.start()) {
      CollectingSink deadLetters = new CollectingSink();
      var run =
          Pipeline.builder()
              .windowLateness(Duration.ofMinutes(1))
              .build()
              .start(sink(server, deadLetters, 10));
      List<EventBody> bodies = batch("0");
      for (int i = 0; i < 4; i++) {
        run.accept(bodies.get(i));
      }
      // Before the run ends: 09:50 closed when 09:52 arrived (more than a minute later), and was
      // sent once 09:51 closed too (the sink folds a minute's windows together).
      List<JsonNode> early =
          server.acceptedEnvelopes().stream()
              .filter(e -> e.path("data").path("baseType").asText().equals("MetricData"))
              .toList();
      assertThat(early).isNotEmpty();
      assertThat(early)
          .extracting(e -> e.get("time").asText())
          .allMatch(t -> Instant.parse(t).equals(Instant.parse("2026-11-20T09:50:00Z")));
      run.close();

      assertThat(server.duplicateAcceptances()).isEmpty();
      assertThat(deadLetters.deadLetters).isEmpty();
      // Every request counted once, as when the whole batch is held (the test below: 240).
      assertThat(requestsMetric(server)).isEqualTo(240.0);
    }
  }

  @Test
  void everyItemArrivesExactlyOnceDespiteFaults_and400sAreDeadLettered() throws Exception {
    try (FakeIngestionServer server =
        FakeIngestionServer.builder()
            .seed(11)
            .tooManyRequestsRate(0.1)
            .serviceUnavailableRate(0.05)
            .internalServerErrorRate(0.1)
            .dropRate(0.05)
            .itemFailureRate(0.1)
            .retryAfterSeconds(1)
            .rejectItemsWithProperty("apim.subscription_id", "team-refused")
            .start()) {
      CollectingSink local = new CollectingSink();
      CollectingSink deadLetters = new CollectingSink();
      AppInsightsSink ai = sink(server, deadLetters);
      RunStats stats =
          Pipeline.builder()
              .build()
              .processBatch(batch("0"), Sinks.tee(List.of(local, ai)), ProgressStore.inMemory());

      assertThat(stats.llmRequests()).isEqualTo(240);
      assertThat(server.fixtureFailures()).isEmpty();
      assertThat(server.duplicateAcceptances()).isEmpty();
      assertThat(server.acceptanceCounts().values()).allMatch(c -> c == 1);
      assertThat(server.requests()).anySatisfy(r -> assertThat(r.status()).isIn(429, 503));

      // Events: every request of the two accepted teams arrived, with the request's own time.
      Map<String, LlmRequest> byId = new HashMap<>();
      local.requests.forEach(r -> byId.put(r.origin().itemId(), r));
      Set<String> expectedEvents = new HashSet<>();
      Set<String> refused = new HashSet<>();
      for (LlmRequest r : local.requests) {
        (r.caller().subscriptionId().equals("team-refused") ? refused : expectedEvents)
            .add(r.origin().itemId());
      }
      Set<String> acceptedEvents = new HashSet<>();
      for (JsonNode env : server.acceptedEnvelopes()) {
        JsonNode base = env.path("data").path("baseData");
        String id = base.path("properties").path("tollgate.item_id").asText();
        if (base.path("name").asText().equals(AppInsightsSink.REQUEST_EVENT)) {
          acceptedEvents.add(id);
          assertThat(Instant.parse(env.get("time").asText()))
              .isEqualTo(byId.get(id).origin().time());
        }
      }
      assertThat(acceptedEvents).isEqualTo(expectedEvents);

      // The refused ones are dead letters carrying the service's message.
      assertThat(deadLetters.deadLetters)
          .extracting(d -> d.itemId().substring("dl:".length()))
          .containsAll(refused);
      assertThat(deadLetters.deadLetters)
          .allSatisfy(
              d -> {
                assertThat(d.reason()).isEqualTo("ingestion_rejected");
                assertThat(d.detail()).startsWith("Application Insights answered 400");
              });

      // Metrics: one item per aggregate and metric, stamped with the window's start.
      Set<String> windows = new HashSet<>();
      local.aggregates.forEach(a -> windows.add(a.key().windowStart().toString()));
      List<JsonNode> metrics =
          server.acceptedEnvelopes().stream()
              .filter(e -> e.path("data").path("baseType").asText().equals("MetricData"))
              .toList();
      assertThat(metrics).isNotEmpty();
      for (JsonNode m : metrics) {
        Instant t = Instant.parse(m.get("time").asText());
        assertThat(t).isEqualTo(t.truncatedTo(ChronoUnit.MINUTES));
        assertThat(windows).contains(t.toString());
      }
      double requestsMetric =
          metrics.stream()
              .filter(
                  m -> m.at("/data/baseData/metrics/0/name").asText().equals("tollgate.requests"))
              .mapToDouble(m -> m.at("/data/baseData/metrics/0/value").asDouble())
              .sum();
      // The refused team's metric items were refused too (same dimension); all others add up.
      assertThat(requestsMetric).isEqualTo(160.0);
      assertThat(deadLetters.deadLetters)
          .anySatisfy(
              d -> assertThat(d.itemId()).startsWith("dl:agg:").endsWith(":tollgate.requests"));
      assertThat(
              local.aggregates.stream()
                  .filter(a -> !a.key().subscriptionId().equals("team-refused"))
                  .map(WindowAggregator::itemId))
          .allSatisfy(
              id ->
                  assertThat(server.acceptedItemIds())
                      .anyMatch(accepted -> accepted.startsWith(id + ":tollgate.requests")));

      // One health event for the batch.
      assertThat(server.acceptedEnvelopes())
          .filteredOn(
              e -> e.at("/data/baseData/name").asText().equals(AppInsightsSink.HEALTH_EVENT))
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.at("/data/baseData/properties/tollgate.llm_requests").asText())
                    .isEqualTo("240");
                assertThat(
                        Integer.parseInt(
                            h.at("/data/baseData/properties/tollgate.delivery.retries").asText()))
                    .isPositive();
              });
    }
  }

  @Test
  void aRedeliveredBatchSendsTheSameIdsSoQueriesCountItOnce() throws Exception {
    try (FakeIngestionServer server = FakeIngestionServer.builder().start()) {
      Pipeline pipeline = Pipeline.builder().build();
      pipeline.processBatch(
          batch("1"), sink(server, new CollectingSink()), ProgressStore.inMemory());
      Set<String> first = new HashSet<>(server.acceptedItemIds());
      // The host redelivers (progress lost with the instance): a fresh progress store.
      pipeline.processBatch(
          batch("1"), sink(server, new CollectingSink()), ProgressStore.inMemory());

      Set<String> nonHealth = new HashSet<>(server.acceptedItemIds());
      nonHealth.removeIf(id -> id.startsWith("health:"));
      first.removeIf(id -> id.startsWith("health:"));
      assertThat(nonHealth).isEqualTo(first);
      assertThat(first).allSatisfy(id -> assertThat(server.acceptanceCount(id)).isEqualTo(2));
    }
  }

  @Test
  void progressSkipsWhatWasDeliveredSoNothingIsSentTwice() throws Exception {
    try (FakeIngestionServer server = FakeIngestionServer.builder().start()) {
      Pipeline pipeline = Pipeline.builder().build();
      ProgressStore progress = ProgressStore.inMemory();
      pipeline.processBatch(batch("2"), sink(server, new CollectingSink()), progress);
      int before = server.acceptedItemIds().size();
      RunStats again =
          pipeline.processBatch(batch("2"), sink(server, new CollectingSink()), progress);
      assertThat(again.redeliveredSkipped()).isEqualTo(4);
      assertThat(server.acceptedItemIds()).hasSize(before + 1); // only the second health event
    }
  }

  @Test
  void theDailyCapFailsTheBatchAndKeepsProgressSoItIsRedelivered() throws Exception {
    try (FakeIngestionServer server =
        FakeIngestionServer.builder().script(Answer.dailyCapExceeded()).start()) {
      ProgressStore progress = ProgressStore.inMemory();
      assertThatThrownBy(
              () ->
                  Pipeline.builder()
                      .build()
                      .processBatch(batch("3"), sink(server, new CollectingSink()), progress))
          .isInstanceOfSatisfying(
              DeliveryException.class, e -> assertThat(e.dailyCapReached()).isTrue());
      assertThat(progress.delivered("3")).isEmpty();
    }
  }
}
