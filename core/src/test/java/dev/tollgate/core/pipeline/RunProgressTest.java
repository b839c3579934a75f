package dev.tollgate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunProgressTest {
  static final Pipeline PIPELINE = Runs.pipeline(dev.tollgate.core.enrich.EnrichOptions.DEFAULTS);
  static final Instant ENQUEUED = Instant.parse("2025-07-01T12:00:05Z");

  static EventBody message(String partition, long seq) {
    String record =
        ApimRecord.call(
                "/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21",
                Samples.chatExampleRequest(),
                Samples.chatExampleResponse(),
                200)
            .correlationId("p" + partition + "-s" + seq)
            .json();
    return new EventBody(
        "{\"records\":[" + record + "]}", partition, seq, ENQUEUED, "hub/" + partition);
  }

  @Test
  void redeliveredMessageIsSkippedAndNewOnesAdvanceProgress() {
    ProgressStore progress = ProgressStore.inMemory();
    progress.markDelivered("0", 10);
    CollectingSink sink = new CollectingSink();
    Run run = PIPELINE.start(sink, progress);
    run.accept(message("0", 9));
    run.accept(message("0", 10));
    run.accept(message("0", 11));
    run.accept(message("1", 3)); // another partition has no progress yet
    run.close();

    assertThat(run.stats().redeliveredSkipped()).isEqualTo(2);
    assertThat(run.stats().messages()).isEqualTo(2);
    assertThat(sink.requests)
        .extracting(r -> r.origin().correlationId())
        .containsExactly("p0-s11", "p1-s3");
    assertThat(progress.delivered("0")).isEqualTo(OptionalLong.of(11));
    assertThat(progress.delivered("1")).isEqualTo(OptionalLong.of(3));
  }

  @Test
  void replayingTheSameBatchAfterDeliveryEmitsNothing() {
    ProgressStore progress = ProgressStore.inMemory();
    List<EventBody> batch = List.of(message("0", 1), message("0", 2));
    CollectingSink first = new CollectingSink();
    RunStats s1 = PIPELINE.processBatch(batch, first, progress);
    CollectingSink second = new CollectingSink();
    RunStats s2 = PIPELINE.processBatch(batch, second, progress);

    assertThat(s1.llmRequests()).isEqualTo(2);
    assertThat(first.aggregates).hasSize(1);
    assertThat(s2.redeliveredSkipped()).isEqualTo(2);
    assertThat(s2.records()).isZero();
    assertThat(second.requests).isEmpty();
    assertThat(second.aggregates).isEmpty();
  }

  @Test
  void progressAdvancesOnlyAfterTheSinkFinished() {
    ProgressStore progress = ProgressStore.inMemory();
    OptionalLong[] seenAtFlush = new OptionalLong[1];
    CollectingSink sink =
        new CollectingSink() {
          @Override
          public void finish(RunStats stats) {
            super.finish(stats);
            seenAtFlush[0] = progress.delivered("0");
          }
        };
    Run run = PIPELINE.start(sink, progress);
    run.accept(message("0", 5));
    assertThat(progress.delivered("0")).isEmpty();
    run.close();

    assertThat(seenAtFlush[0]).isEmpty();
    assertThat(sink.finishes).isEqualTo(1);
    assertThat(progress.delivered("0")).isEqualTo(OptionalLong.of(5));
  }

  @Test
  void aSinkThatFailsToFinishLeavesProgressUntouched() {
    ProgressStore progress = ProgressStore.inMemory();
    progress.markDelivered("0", 4);
    CollectingSink failing =
        new CollectingSink() {
          @Override
          public void finish(RunStats stats) {
            throw new IllegalStateException("ingestion answered 503");
          }
        };
    Run run = PIPELINE.start(failing, progress);
    run.accept(message("0", 5));
    assertThatThrownBy(run::close).hasMessageContaining("503");
    assertThat(progress.delivered("0")).isEqualTo(OptionalLong.of(4));

    // the host retries the batch: it is processed again, not skipped
    CollectingSink retry = new CollectingSink();
    RunStats stats = PIPELINE.processBatch(List.of(message("0", 5)), retry, progress);
    assertThat(stats.redeliveredSkipped()).isZero();
    assertThat(retry.requests).hasSize(1);
    assertThat(progress.delivered("0")).isEqualTo(OptionalLong.of(5));
  }

  @Test
  void aSinkThatFailsOnARequestLeavesProgressUntouched() {
    ProgressStore progress = ProgressStore.inMemory();
    CollectingSink failing =
        new CollectingSink() {
          @Override
          public void request(dev.tollgate.core.model.LlmRequest r) {
            throw new IllegalStateException("queue full");
          }
        };
    assertThatThrownBy(
            () ->
                PIPELINE.processBatch(List.of(message("0", 1), message("0", 2)), failing, progress))
        .hasMessage("queue full");
    assertThat(progress.delivered("0")).isEmpty();
  }

  @Test
  void messagesWithoutPositionNeverTouchProgress() {
    ProgressStore progress = ProgressStore.inMemory();
    CollectingSink sink = new CollectingSink();
    Run run = PIPELINE.start(sink, progress);
    EventBody m = message("0", 1);
    run.accept(EventBody.ofText(m.text(), "replay.jsonl"));
    run.accept(EventBody.ofText(m.text(), "replay.jsonl"));
    run.close();
    // without a sequence number nothing can be recognised as redelivered
    assertThat(sink.requests).hasSize(2);
    assertThat(progress.delivered("0")).isEmpty();
  }

  @Test
  void closeIsIdempotentAndAClosedRunRefusesInput() {
    CollectingSink sink = new CollectingSink();
    Run run = PIPELINE.start(sink);
    run.accept(message("0", 1));
    run.close();
    run.close();
    assertThat(sink.finishes).isEqualTo(1);
    assertThat(sink.aggregates).hasSize(1);
    assertThatThrownBy(() -> run.accept(message("0", 2))).isInstanceOf(IllegalStateException.class);
  }
}
