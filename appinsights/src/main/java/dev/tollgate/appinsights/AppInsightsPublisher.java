package dev.tollgate.appinsights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends given custom metric points and events now, for jobs that are not a pipeline run (timers
 * that read Azure Monitor, reconciliation). Each item carries its deterministic id in {@code
 * tollgate.item_id}, and its own time; delivery is {@link TrackDelivery}'s (batches, partial
 * success, Retry-After, back-off). Throws {@link DeliveryException} when items could not be
 * delivered, so the caller keeps its progress and the same items (same ids) go again.
 */
public final class AppInsightsPublisher {
  /** The dimension that carries every item's id. */
  public static final String ITEM_ID = "tollgate.item_id";

  /**
   * One metric data point. {@code value} is the sum over {@code count} samples, as the track API
   * defines it.
   */
  public record MetricPoint(
      String name,
      Instant time,
      double value,
      long count,
      double min,
      double max,
      Map<String, String> dimensions,
      String itemId) {
    public MetricPoint {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(itemId, "itemId");
      dimensions = dimensions == null ? Map.of() : new LinkedHashMap<>(dimensions);
    }

    /** A single value: value = min = max, count 1. */
    public static MetricPoint single(
        String name, Instant time, double value, Map<String, String> dimensions, String itemId) {
      return new MetricPoint(name, time, value, 1, value, value, dimensions, itemId);
    }
  }

  /** One custom event; its properties are its dimensions. */
  public record Event(String name, Instant time, Map<String, String> properties, String itemId) {
    public Event {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(itemId, "itemId");
      properties = properties == null ? Map.of() : new LinkedHashMap<>(properties);
    }
  }

  private final TrackDelivery delivery;
  private final Envelopes envelopes;

  /**
   * @param roleInstance {@code ai.cloud.roleInstance}, may be null
   */
  public AppInsightsPublisher(
      TrackDelivery delivery, String instrumentationKey, String roleInstance) {
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.envelopes =
        new Envelopes(
            Objects.requireNonNull(instrumentationKey, "instrumentationKey"),
            "tollgate",
            roleInstance);
  }

  /**
   * A publisher over the app settings ({@value AppInsightsSettings#CONNECTION_STRING}, {@value
   * AppInsightsSettings#AUTHENTICATION_STRING}); empty when no connection string is set.
   */
  public static Optional<AppInsightsPublisher> fromSettings(Map<String, String> env) {
    String cs = env.get(AppInsightsSettings.CONNECTION_STRING);
    if (cs == null || cs.isBlank()) {
      return Optional.empty();
    }
    ConnectionString connection = ConnectionString.parse(cs);
    HttpIngestionClient client =
        HttpIngestionClient.builder()
            .connectionString(connection)
            .credential(
                AppInsightsSettings.credential(env.get(AppInsightsSettings.AUTHENTICATION_STRING)))
            .build();
    return Optional.of(
        new AppInsightsPublisher(
            TrackDelivery.builder().client(client).build(),
            connection.instrumentationKey(),
            env.get("WEBSITE_INSTANCE_ID")));
  }

  /** Sends the points; returns what the service answered (rejected items are final). */
  public TrackDelivery.Report publishMetrics(List<MetricPoint> points) {
    List<TrackDelivery.Item> items = new ArrayList<>(points.size());
    for (MetricPoint p : points) {
      byte[] json =
          envelopes.metric(
              new Envelopes.DataPoint(p.name(), p.value(), p.count(), p.min(), p.max(), 0.0),
              p.time(),
              v -> {
                v.string(ITEM_ID, p.itemId());
                for (Map.Entry<String, String> d : p.dimensions().entrySet()) {
                  if (!ITEM_ID.equals(d.getKey())) {
                    v.string(d.getKey(), d.getValue());
                  }
                }
              });
      items.add(new TrackDelivery.Item(p.itemId(), json));
    }
    return items.isEmpty() ? empty() : delivery.deliver(items);
  }

  /** Sends the events. */
  public TrackDelivery.Report publishEvents(List<Event> events) {
    List<TrackDelivery.Item> items = new ArrayList<>(events.size());
    for (Event e : events) {
      byte[] json =
          envelopes.event(
              e.name(),
              e.time(),
              null,
              100.0,
              v -> {
                v.string(ITEM_ID, e.itemId());
                for (Map.Entry<String, String> d : e.properties().entrySet()) {
                  if (!ITEM_ID.equals(d.getKey())) {
                    v.string(d.getKey(), d.getValue());
                  }
                }
              });
      items.add(new TrackDelivery.Item(e.itemId(), json));
    }
    return items.isEmpty() ? empty() : delivery.deliver(items);
  }

  /** Sends one event now. */
  public TrackDelivery.Report publishEvent(
      String name, Instant time, Map<String, String> properties, String itemId) {
    return publishEvents(List.of(new Event(name, time, properties, itemId)));
  }

  private static TrackDelivery.Report empty() {
    return new TrackDelivery.Report(0, List.of(), 0, 0, 0);
  }
}
