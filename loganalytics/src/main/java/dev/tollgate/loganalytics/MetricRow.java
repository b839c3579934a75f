package dev.tollgate.loganalytics;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One number the poller found in a query's rows: a metric {@code name}, the {@code time} it belongs
 * to (the row's {@code timestamp} column, else the end of the poll window), its {@code value}, and
 * string {@code dimensions} (always including {@code tollgate.item_id}, deterministic, and {@code
 * tollgate.query}).
 */
public record MetricRow(String name, Instant time, double value, Map<String, String> dimensions) {
  public MetricRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(time, "time");
    dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
  }

  /** The deterministic id a query keeps one item of ({@code tollgate.item_id}). */
  public String itemId() {
    return dimensions.get(MetricRows.ITEM_ID);
  }
}
