package dev.tollgate.core.pipeline;

import dev.tollgate.core.aggregate.WindowAggregator;
import dev.tollgate.core.enrich.Enricher;
import dev.tollgate.core.enrich.EnrichmentException;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.SourcePosition;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.GatewayRecord;
import dev.tollgate.core.parse.RecordReader;
import dev.tollgate.core.parse.UnreadableInput;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one batch or replay. Feed bodies with {@link #accept}; {@link #close} emits the
 * aggregates, finishes the sink and then records progress. No record can make {@code accept} throw:
 * what cannot be enriched becomes a dead letter. Only the sink may throw.
 */
public final class Run implements AutoCloseable {
  private final Enricher enricher;
  private final TollgateSink sink;
  private final ProgressStore progress;
  private final Clock clock;
  private final WindowAggregator aggregator;
  private final RunStats stats = new RunStats();
  private final Map<String, Long> highestSeen = new HashMap<>();
  private final Map<String, Long> deliveredAtStart = new HashMap<>();
  private boolean closed;
  private Instant currentEnqueued;

  Run(
      Enricher enricher,
      TollgateSink sink,
      ProgressStore progress,
      Clock clock,
      WindowAggregator aggregator) {
    this.aggregator = aggregator;
    this.enricher = enricher;
    this.sink = sink;
    this.progress = progress;
    this.clock = clock;
  }

  public void accept(EventBody body) {
    if (closed) {
      throw new IllegalStateException("run is closed");
    }
    if (alreadyDelivered(body)) {
      stats.redelivered();
      return;
    }
    stats.message();
    currentEnqueued = body.enqueuedTime();
    if (body.partitionId() != null && body.sequenceNumber() != null) {
      highestSeen.merge(body.partitionId(), body.sequenceNumber(), Math::max);
    }
    RecordReader.read(
        body,
        new RecordReader.Visitor() {
          @Override
          public void record(GatewayRecord record) {
            onRecord(record);
          }

          @Override
          public void broken(RecordReader.BrokenRecord b) {
            deadLetter(b.reason(), b.detail(), b.position(), b.raw());
          }
        });
    aggregator.drainClosed().forEach(sink::aggregate);
  }

  /**
   * Input that could not be read as text or records (see {@link UnreadableInput}): one dead letter
   * keeping its bytes as base64. Like {@link #accept}, it never throws for what it is given.
   */
  public void unreadable(UnreadableInput input) {
    if (closed) {
      throw new IllegalStateException("run is closed");
    }
    stats.message();
    stats.deadLetter(input.reason());
    Instant seen = input.enqueuedTime() != null ? input.enqueuedTime() : clock.instant();
    sink.deadLetter(
        new DeadLetter(
            ItemIds.forUnreadable(input.position(), input.offset()),
            input.reason(),
            input.detail(),
            input.position(),
            input.rawBase64(),
            seen,
            DeadLetter.RawEncoding.BASE64));
  }

  private boolean alreadyDelivered(EventBody body) {
    if (progress == null || body.partitionId() == null || body.sequenceNumber() == null) {
      return false;
    }
    Long delivered =
        deliveredAtStart.computeIfAbsent(
            body.partitionId(),
            p -> {
              var d = progress.delivered(p);
              return d.isPresent() ? d.getAsLong() : Long.MIN_VALUE;
            });
    return body.sequenceNumber() <= delivered;
  }

  private void onRecord(GatewayRecord record) {
    if (record.isLlmLog()) {
      stats.llmLogRecord();
      return;
    }
    LlmRequest r;
    try {
      r = enricher.enrich(record);
    } catch (EnrichmentException e) {
      deadLetter(e.reason(), e.getMessage(), record.position(), record.raw());
      return;
    } catch (RuntimeException e) {
      deadLetter(
          "enrichment_failed",
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          record.position(),
          record.raw());
      return;
    }
    if (record.isResourceLog()) {
      stats.resourceLogRecord(r);
    } else {
      stats.request(r);
    }
    aggregator.add(r);
    sink.request(r);
  }

  private void deadLetter(String reason, String detail, SourcePosition pos, String raw) {
    stats.deadLetter(reason);
    sink.deadLetter(
        new DeadLetter(
            ItemIds.forDeadLetter(pos, raw),
            reason,
            detail,
            pos,
            raw,
            currentEnqueued != null ? currentEnqueued : clock.instant()));
  }

  public RunStats stats() {
    return stats;
  }

  /** Emits the aggregates, finishes the sink, then advances progress. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    aggregator.drain().forEach(sink::aggregate);
    sink.finish(stats);
    if (progress != null) {
      highestSeen.forEach(progress::markDelivered);
    }
  }
}
