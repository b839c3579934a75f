package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.parse.EventBody;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventHubBodiesTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] props(Map<?, ?>... maps) {
    return (Map<String, Object>[]) maps;
  }

  @Test
  void mapsTextPartitionSequenceAndEnqueuedTimeAsTheJavaWorkerSendsThem() {
    // The worker's JSON decoding gives doubles for numbers.
    List<EventBody> bodies =
        EventHubBodies.from(
            List.of("a", "b"),
            props(
                Map.of("SequenceNumber", 100.0, "EnqueuedTimeUtc", "2026-11-20T09:14:03.512Z"),
                Map.of("SequenceNumber", "101", "EnqueuedTimeUtc", "2026-11-20T09:14:04.5")),
            Map.of("PartitionId", "3", "EventHubName", "apim-logs", "ConsumerGroup", "tollgate"));

    assertThat(bodies)
        .containsExactly(
            new EventBody(
                "a", "3", 100L, Instant.parse("2026-11-20T09:14:03.512Z"), "eventhub:apim-logs/3"),
            new EventBody(
                "b", "3", 101L, Instant.parse("2026-11-20T09:14:04.5Z"), "eventhub:apim-logs/3"));
  }

  @Test
  void amqpNamesAndOtherCasingsAreAccepted() {
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("partitionId", 7.0);
    List<EventBody> bodies =
        EventHubBodies.from(
            List.of("x"),
            props(
                Map.of(
                    "x-opt-sequence-number",
                    9_007_199_254_740_000L,
                    "x-opt-enqueued-time",
                    "2026-11-20T09:14:03+01:00")),
            Map.of("RuntimeInformation", runtime));

    EventBody b = bodies.get(0);
    assertThat(b.partitionId()).isEqualTo("7");
    assertThat(b.sequenceNumber()).isEqualTo(9_007_199_254_740_000L);
    assertThat(b.enqueuedTime()).isEqualTo(Instant.parse("2026-11-20T08:14:03Z"));
    assertThat(b.source()).isEqualTo("eventhub:?/7");
  }

  @Test
  void missingBindingDataLeavesNullsAndNeverFails() {
    List<EventBody> bodies = EventHubBodies.from(List.of("a", "b"), props(Map.of()), null);

    assertThat(bodies)
        .extracting(EventBody::partitionId, EventBody::sequenceNumber, EventBody::enqueuedTime)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(null, null, null));
    assertThat(EventHubBodies.from(null, null, null)).isEmpty();
  }

  @Test
  void lenientNumbersAndTimes() {
    assertThat(EventHubBodies.number(12.0)).isEqualTo(12L);
    assertThat(EventHubBodies.number(12.5)).isNull();
    assertThat(EventHubBodies.number("12.0")).isEqualTo(12L);
    assertThat(EventHubBodies.number("twelve")).isNull();
    assertThat(EventHubBodies.time("not a time")).isNull();
    assertThat(EventHubBodies.time("2026-11-20T09:14:03.1234567Z"))
        .isEqualTo(Instant.parse("2026-11-20T09:14:03.1234567Z"));
  }
}
