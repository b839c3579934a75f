package dev.tollgate.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Replay closes windows behind a watermark so its memory stays flat; totals must not move. */
class WindowLatenessTest {
  static final String CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";

  static ObjectNode call(int n, String time) {
    return ApimRecord.call(CHAT, Samples.chatExampleRequest(), Samples.chatExampleResponse(), 200)
        .correlationId("corr-" + n)
        .time(time)
        .node();
  }

  /** One body per record, as a file replay reads them, with a source name per line. */
  static List<EventBody> bodies(List<ObjectNode> records) {
    List<EventBody> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      out.add(EventBody.ofText(Runs.envelope(records.get(i)).text(), "file.jsonl:" + (i + 1)));
    }
    return out;
  }

  /** Aggregates in the order the sink saw them, and when (after which body) each arrived. */
  record Replay(CollectingSink sink, List<Integer> arrivedAfter) {}

  static Replay replay(Duration lateness, List<ObjectNode> records) {
    Pipeline p = Pipeline.builder().clock(Runs.CLOCK).windowLateness(lateness).build();
    CollectingSink sink = new CollectingSink();
    List<Integer> arrivedAfter = new ArrayList<>();
    Run run = p.start(sink);
    int i = 0;
    for (EventBody b : bodies(records)) {
      run.accept(b);
      i++;
      while (arrivedAfter.size() < sink.aggregates.size()) {
        arrivedAfter.add(i);
      }
    }
    run.close();
    while (arrivedAfter.size() < sink.aggregates.size()) {
      arrivedAfter.add(-1);
    }
    return new Replay(sink, arrivedAfter);
  }

  static String minute(int m, int s) {
    return String.format("2025-07-01T12:%02d:%02d.000Z", m, s);
  }

  @Test
  void windowsAreEmittedOnceTheWatermarkHasPassedThemNotAtTheEnd() {
    List<ObjectNode> in = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      in.add(call(m, minute(m, 10)));
    }
    Replay r = replay(Duration.ofMinutes(2), in);

    assertThat(r.sink().aggregates).hasSize(10);
    // Window 12:00 closes when a record of 12:03 arrives (3 > 0 + 2): after the 4th body.
    assertThat(r.arrivedAfter().get(0)).isEqualTo(4);
    assertThat(r.arrivedAfter().get(6)).isEqualTo(10);
    // The last two windows are still open when the input ends; close() emits them.
    assertThat(r.arrivedAfter().subList(7, 10)).containsExactly(-1, -1, -1);
    assertThat(r.sink().aggregates.stream().map(a -> a.lateSegment()).toList()).containsOnlyNulls();
  }

  @Test
  void aRecordLaterThanTheLatenessOpensASeparatelyIdentifiedSegment() {
    List<ObjectNode> in =
        List.of(
            call(1, minute(0, 5)),
            call(2, minute(1, 5)),
            call(3, minute(5, 5)), // closes 12:00 and 12:01
            call(4, minute(0, 30))); // late for 12:00
    Replay r = replay(Duration.ofMinutes(2), in);

    List<WindowAggregate> at1200 =
        r.sink().aggregates.stream()
            .filter(a -> a.key().windowStart().equals(Instant.parse("2025-07-01T12:00:00Z")))
            .toList();
    assertThat(at1200).hasSize(2);
    assertThat(at1200).extracting(WindowAggregate::requests).containsExactly(1L, 1L);
    assertThat(at1200.get(0).lateSegment()).isNull();
    assertThat(at1200.get(1).lateSegment()).isEqualTo("file.jsonl:4 #0");
    assertThat(WindowAggregator.itemId(at1200.get(1)))
        .startsWith(WindowAggregator.itemId(at1200.get(0)) + ":late:h");

    // The same input gives the same ids, so a re-run backfill de-duplicates.
    assertThat(ids(replay(Duration.ofMinutes(2), in))).isEqualTo(ids(r));
  }

  @Test
  void shuffledInputKeepsEveryTotalWhateverTheLateness() {
    Random random = new Random(7);
    List<ObjectNode> in = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Mostly in order, with a tail of records up to 9 minutes late.
      int m = Math.max(0, i / 10 - (random.nextInt(10) == 0 ? random.nextInt(10) : 0));
      in.add(call(i, minute(m % 60, random.nextInt(60))));
    }
    Replay held = replay(null, in);
    for (Duration lateness : List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5))) {
      Replay r = replay(lateness, in);
      assertThat(total(r)).isEqualTo(total(held));
      assertThat(cost(r)).isEqualByComparingTo(cost(held));
      assertThat(r.sink().aggregates.size()).isGreaterThanOrEqualTo(held.sink().aggregates.size());
      assertThat(new HashSet<>(ids(r))).hasSameSizeAs(ids(r));
    }
    assertThat(replay(Duration.ZERO, in).sink().aggregates.size())
        .as("records out of order by more than the lateness start late segments")
        .isGreaterThan(held.sink().aggregates.size());
    assertThat(held.arrivedAfter()).containsOnly(-1);
  }

  @Test
  void withoutALatenessNothingClosesEarly() {
    WindowAggregator a = new WindowAggregator();
    assertThat(a.drainClosed()).isEmpty();
    assertThatThrownBy(() -> new WindowAggregator(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pipeline.builder().windowLateness(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<String> ids(Replay r) {
    return r.sink().aggregates.stream().map(WindowAggregator::itemId).toList();
  }

  static long total(Replay r) {
    return r.sink().aggregates.stream().mapToLong(WindowAggregate::requests).sum();
  }

  static BigDecimal cost(Replay r) {
    return r.sink().aggregates.stream()
        .map(WindowAggregate::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
