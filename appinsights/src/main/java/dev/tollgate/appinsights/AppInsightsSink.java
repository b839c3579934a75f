package dev.tollgate.appinsights;

import dev.tollgate.core.aggregate.CardinalityGuard;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.aggregate.WindowAggregator;
import dev.tollgate.core.aggregate.WindowKey;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.output.RequestFields;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes a run's output to Application Insights: an {@code LlmRequest} custom event per selected
 * request (stamped with the request's own time), pre-aggregated custom metrics per 1-minute window
 * (stamped with the window's time) and a {@code TollgatePipelineHealth} event per run. Every item
 * carries its deterministic id in {@code tollgate.item_id}. Memory is bounded by one batch: events
 * are sent as soon as a batch fills. Items the service rejects for good become dead letters.
 */
public final class AppInsightsSink implements TollgateSink {
  public static final String REQUEST_EVENT = "LlmRequest";
  public static final String HEALTH_EVENT = "TollgatePipelineHealth";

  private final TrackDelivery delivery;
  private final Envelopes envelopes;
  private final EventMode mode;
  private final int topN;
  private final Clock clock;
  private final Consumer<DeadLetter> rejected;
  private final String source;
  private final List<TrackDelivery.Item> buffer = new ArrayList<>();
  private final List<WindowAggregate> aggregates = new ArrayList<>();
  private int eventsSent;
  private int metricsSent;
  private int retries;
  private int throttled;
  private int rejectedCount;
  private long bytesSent;

  private AppInsightsSink(Builder b) {
    this.delivery = Objects.requireNonNull(b.delivery, "delivery");
    this.envelopes =
        new Envelopes(
            Objects.requireNonNull(b.instrumentationKey, "instrumentationKey"),
            b.role,
            b.roleInstance);
    this.mode = b.mode;
    this.topN = b.topN;
    this.clock = b.clock;
    this.rejected = b.rejected;
    this.source = b.source;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void request(LlmRequest r) {
    if (!mode.selects(r)) {
      return;
    }
    byte[] json =
        envelopes.event(
            REQUEST_EVENT,
            r.origin().time(),
            r.origin().correlationId(),
            mode.sampleRate(),
            v -> RequestFields.visit(r, v));
    add(new TrackDelivery.Item(r.origin().itemId(), json));
    eventsSent++;
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    // Dead letters go to their own store; their count reaches Application Insights in the health
    // event.
  }

  /**
   * Windows arrive oldest first (all at the end of a batch, or as they close during a replay); each
   * minute's are folded and sent once the next minute's begin, so a replay holds one minute.
   */
  @Override
  public void aggregate(WindowAggregate aggregate) {
    if (!aggregates.isEmpty()
        && !aggregates
            .get(aggregates.size() - 1)
            .key()
            .windowStart()
            .equals(aggregate.key().windowStart())) {
      sendAggregates();
    }
    aggregates.add(aggregate);
  }

  private void sendAggregates() {
    for (WindowAggregate a : CardinalityGuard.fold(aggregates, topN)) {
      String aggregateId = WindowAggregator.itemId(a);
      WindowKey k = a.key();
      for (MetricPoints.Point p : MetricPoints.of(a)) {
        String id =
            aggregateId
                + ":"
                + p.data().name()
                + (p.dimension() == null ? "" : ":" + p.dimensionValue());
        byte[] json =
            envelopes.metric(
                p.data(),
                k.windowStart(),
                v -> {
                  v.string("tollgate.item_id", id);
                  // WindowKey.MAX_METRIC_DIMENSIONS: seven key dimensions, the id, one extra
                  v.string("tollgate.record.category", k.category());
                  v.string("azure.openai.account", k.account());
                  v.string("azure.openai.deployment", k.deployment());
                  v.string("gen_ai.response.model", k.model());
                  v.string("azure.openai.model_version", k.modelVersion());
                  v.string("apim.subscription_id", k.subscriptionId());
                  v.string("gen_ai.operation.name", k.operation());
                  if (p.dimension() != null) {
                    v.string(p.dimension(), p.dimensionValue());
                  }
                });
        add(new TrackDelivery.Item(id, json));
        metricsSent++;
      }
    }
    aggregates.clear();
  }

  /**
   * Sends the last minute's metrics and what is left of the batch, then the health event, last, so
   * that it counts the retries and rejections of everything before it.
   */
  @Override
  public void finish(RunStats stats) {
    sendAggregates();
    send();
    add(healthEvent(stats));
    send();
  }

  private TrackDelivery.Item healthEvent(RunStats s) {
    Instant now = clock.instant();
    Long lag =
        s.newestRecordTime() == null
            ? null
            : Duration.between(s.newestRecordTime(), now).toSeconds();
    String id =
        "health:h"
            + ItemIds.hash(
                source,
                String.valueOf(s.newestRecordTime()),
                String.valueOf(s.records()),
                now.toString());
    byte[] json =
        envelopes.event(
            HEALTH_EVENT,
            now,
            null,
            100.0,
            v -> {
              v.string("tollgate.item_id", id);
              v.string("tollgate.source", source);
              v.number("tollgate.messages", s.messages());
              v.number("tollgate.records", s.records());
              v.number("tollgate.llm_requests", s.llmRequests());
              v.number("tollgate.other_requests", s.otherRequests());
              v.number("tollgate.llm_log_records", s.llmLogRecords());
              v.number("tollgate.resource_log_records", s.resourceLogRecords());
              v.number("tollgate.dead_letters", s.deadLetterCount());
              v.number("tollgate.redelivered_skipped", s.redeliveredSkipped());
              v.number("tollgate.usage_estimated", s.estimated());
              v.number("tollgate.unpriced", s.unpriced());
              v.number("tollgate.implausible_usage", s.implausibleUsage());
              v.number("tollgate.events_sent", (long) eventsSent);
              v.number("tollgate.metrics_sent", (long) metricsSent);
              v.number("tollgate.delivery.retries", (long) retries);
              v.number("tollgate.delivery.throttled", (long) throttled);
              v.number("tollgate.delivery.rejected", (long) rejectedCount);
              v.number("tollgate.delivery.bytes", bytesSent);
              v.number("tollgate.lag_seconds", lag);
            });
    return new TrackDelivery.Item(id, json);
  }

  private void add(TrackDelivery.Item item) {
    buffer.add(item);
    if (buffer.size() >= delivery.maxBatchItems()) {
      send();
    }
  }

  private void send() {
    if (buffer.isEmpty()) {
      return;
    }
    List<TrackDelivery.Item> items = new ArrayList<>(buffer);
    buffer.clear();
    TrackDelivery.Report report = delivery.deliver(items);
    retries += report.retries();
    throttled += report.throttled();
    bytesSent += report.bytesSent();
    if (!report.rejected().isEmpty()) {
      Map<String, TrackDelivery.Item> byId = new HashMap<>();
      items.forEach(i -> byId.put(i.itemId(), i));
      for (TrackDelivery.Rejected r : report.rejected()) {
        rejectedCount++;
        TrackDelivery.Item item = byId.get(r.itemId());
        rejected.accept(
            new DeadLetter(
                "dl:" + r.itemId(),
                "ingestion_rejected",
                "Application Insights answered " + r.statusCode() + ": " + r.message(),
                null,
                item == null ? null : new String(item.json(), StandardCharsets.UTF_8),
                clock.instant()));
      }
    }
  }

  /** Builder in the Azure SDK style. */
  public static final class Builder {
    private TrackDelivery delivery;
    private String instrumentationKey;
    private EventMode mode = EventMode.ALL;
    private int topN = 20;
    private Clock clock = Clock.systemUTC();
    private Consumer<DeadLetter> rejected = d -> {};
    private String role = "tollgate";
    private String roleInstance;
    private String source = "tollgate";

    public Builder delivery(TrackDelivery delivery) {
      this.delivery = delivery;
      return this;
    }

    public Builder instrumentationKey(String key) {
      this.instrumentationKey = key;
      return this;
    }

    public Builder eventMode(EventMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Dimension values kept per window before the rest fold into {@code other}. */
    public Builder topN(int topN) {
      if (topN < 1) {
        throw new IllegalArgumentException("top N must be at least 1");
      }
      this.topN = topN;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where items the service rejects for good go (the dead-letter output). */
    public Builder rejected(Consumer<DeadLetter> rejected) {
      this.rejected = Objects.requireNonNull(rejected, "rejected");
      return this;
    }

    public Builder role(String role, String roleInstance) {
      this.role = role;
      this.roleInstance = roleInstance;
      return this;
    }

    /** What fed this run (function partition, replay), for the health event. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public AppInsightsSink build() {
      return new AppInsightsSink(this);
    }
  }
}
