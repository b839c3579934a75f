package dev.tollgate.appinsights;

import dev.tollgate.core.model.DeadLetter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Makes one {@link AppInsightsSink} per run (a sink keeps the run's counters) over one shared
 * delivery and HTTP client, so connections and tokens are reused across invocations.
 */
public final class AppInsightsSinkFactory {
  private final TrackDelivery delivery;
  private final String instrumentationKey;
  private final EventMode mode;
  private final int topN;
  private final String roleInstance;

  AppInsightsSinkFactory(
      TrackDelivery delivery,
      String instrumentationKey,
      EventMode mode,
      int topN,
      String roleInstance) {
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.instrumentationKey = Objects.requireNonNull(instrumentationKey, "instrumentationKey");
    this.mode = mode;
    this.topN = topN;
    this.roleInstance = roleInstance;
  }

  /**
   * @param source what feeds the run, for the health event (e.g. {@code function:GatewayLogs:3})
   * @param rejected where items the service refuses for good go
   */
  public AppInsightsSink newSink(String source, Consumer<DeadLetter> rejected) {
    return AppInsightsSink.builder()
        .delivery(delivery)
        .instrumentationKey(instrumentationKey)
        .eventMode(mode)
        .topN(topN)
        .role("tollgate", roleInstance)
        .source(source)
        .rejected(rejected)
        .build();
  }
}
