package dev.tollgate.appinsights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Delivery logic against scripted answers of the track API (HTTP is tested end to end elsewhere).
 */
class TrackDeliveryTest {
  /** Answers from a script and remembers which item ids each request carried. */
  static final class ScriptedClient implements IngestionClient {
    final Deque<Object> answers = new ArrayDeque<>();
    final List<List<String>> sent = new ArrayList<>();

    ScriptedClient then(Object answer) {
      answers.add(answer);
      return this;
    }

    @Override
    public TrackResponse send(byte[] body) throws IOException {
      List<String> ids = new ArrayList<>();
      try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          JsonNode n = Json.MAPPER.readTree(line);
          ids.add(n.get("id").asText());
        }
      }
      sent.add(ids);
      Object a = answers.isEmpty() ? ok(ids.size()) : answers.poll();
      if (a instanceof IOException e) {
        throw e;
      }
      TrackResponse r = (TrackResponse) a;
      return r.statusCode() == 200 ? ok(ids.size()) : r;
    }
  }

  static TrackResponse ok(int n) {
    return new TrackResponse(200, null, n, n, List.of());
  }

  static TrackResponse status(int code, Duration retryAfter) {
    return new TrackResponse(code, retryAfter, 0, 0, List.of());
  }

  static List<TrackDelivery.Item> items(int n) {
    List<TrackDelivery.Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new TrackDelivery.Item(
              "i" + i, ("{\"id\":\"i" + i + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  final List<Duration> waits = new ArrayList<>();

  TrackDelivery delivery(ScriptedClient c) {
    return TrackDelivery.builder()
        .client(c)
        .maxBatchItems(4)
        .maxAttempts(4)
        .random(new Random(1))
        .sleeper(waits::add)
        .build();
  }

  @Test
  void splitsIntoBatchesWithinTheItemLimit() {
    ScriptedClient c = new ScriptedClient();
    TrackDelivery.Report r = delivery(c).deliver(items(10));
    assertThat(c.sent).extracting(List::size).containsExactly(4, 4, 2);
    assertThat(r.accepted()).isEqualTo(10);
    assertThat(r.retries()).isZero();
  }

  @Test
  void splitsIntoBatchesWithinTheByteLimit() {
    ScriptedClient c = new ScriptedClient();
    TrackDelivery d =
        TrackDelivery.builder().client(c).maxBatchBytes(15).sleeper(waits::add).build();
    d.deliver(items(3));
    assertThat(c.sent).hasSize(3);
  }

  @Test
  void partialSuccessResendsOnlyRetriableItemsAndRejectsThe400s() {
    ScriptedClient c =
        new ScriptedClient()
            .then(
                new TrackResponse(
                    206,
                    null,
                    4,
                    1,
                    List.of(
                        new TrackResponse.ItemError(0, 500, "internal"),
                        new TrackResponse.ItemError(
                            2, 400, "Field 'time' on type 'Envelope' is required"),
                        new TrackResponse.ItemError(3, 429, "throttled"))));
    TrackDelivery.Report r = delivery(c).deliver(items(4));

    assertThat(c.sent).containsExactly(List.of("i0", "i1", "i2", "i3"), List.of("i0", "i3"));
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.itemId()).isEqualTo("i2");
              assertThat(x.statusCode()).isEqualTo(400);
              assertThat(x.message()).contains("'time'");
            });
    assertThat(r.retries()).isEqualTo(1);
  }

  @Test
  void throttlingHonoursRetryAfter() {
    ScriptedClient c =
        new ScriptedClient()
            .then(status(429, Duration.ofSeconds(7)))
            .then(status(503, Duration.ofSeconds(2)));
    TrackDelivery.Report r = delivery(c).deliver(items(2));
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.throttled()).isEqualTo(2);
  }

  @Test
  void serverErrorsAndDroppedConnectionsBackOffWithJitterThenSucceed() {
    ScriptedClient c =
        new ScriptedClient()
            .then(status(500, null))
            .then(new IOException("connection reset"))
            .then(status(502, null));
    TrackDelivery.Report r = delivery(c).deliver(items(3));
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(waits).hasSize(3);
    // Exponential caps 1 s, 2 s, 4 s; jitter keeps each wait in the upper half of its cap.
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(waits.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void givesUpAfterTheLastAttemptAndSaysHowManyItemsAreLeft() {
    ScriptedClient c = new ScriptedClient();
    for (int i = 0; i < 4; i++) {
      c.then(status(500, null));
    }
    assertThatThrownBy(() -> delivery(c).deliver(items(3)))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.undelivered()).isEqualTo(3);
              assertThat(e.dailyCapReached()).isFalse();
              assertThat(e.getMessage()).contains("4 attempts");
            });
  }

  @Test
  void dailyCapStopsAtOnceAndKeepsTheData() {
    ScriptedClient c = new ScriptedClient().then(status(402, null));
    assertThatThrownBy(() -> delivery(c).deliver(items(2)))
        .isInstanceOfSatisfying(
            DeliveryException.class, e -> assertThat(e.dailyCapReached()).isTrue());
    assertThat(c.sent).hasSize(1);
  }

  @Test
  void aRetryAfterLongerThanTheRunMayWaitHandsTheBatchBack() {
    ScriptedClient c = new ScriptedClient().then(status(429, Duration.ofMinutes(10)));
    assertThatThrownBy(() -> delivery(c).deliver(items(1))).isInstanceOf(DeliveryException.class);
    assertThat(waits).isEmpty();
  }

  @Test
  void authFailuresAreNotRetried() {
    ScriptedClient c = new ScriptedClient().then(status(403, null));
    assertThatThrownBy(() -> delivery(c).deliver(items(1)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("Monitoring Metrics Publisher");
    assertThat(c.sent).hasSize(1);
  }
}
