package dev.tollgate.loganalytics;

import dev.tollgate.core.model.ItemIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a query's rows into metric items, by convention: a column named {@code timestamp} (else
 * {@code TimeGenerated}, else {@code time}) gives the item's time; every numeric column gives one
 * item named {@code tollgate.la.<query>.<column>}; every other non-null column becomes a string
 * dimension. Non-finite numbers and nulls are left out.
 */
public final class MetricRows {
  /** Dimension holding the deterministic item id. */
  public static final String ITEM_ID = "tollgate.item_id";

  /** Dimension naming the query file the item came from. */
  public static final String QUERY = "tollgate.query";

  /** Dimension present ({@code true}) when the item came from a partial result. */
  public static final String PARTIAL = "tollgate.partial";

  /** Prefix of every metric name the poller writes. */
  public static final String PREFIX = "tollgate.la.";

  private static final List<String> TIME_COLUMNS = List.of("timestamp", "TimeGenerated", "time");

  private MetricRows() {}

  /**
   * The items of one result. The id hashes the query, time, metric and dimensions (not the partial
   * flag), so polling the same window again yields the same ids.
   *
   * @param fallbackTime the time of rows without a time column (the end of the poll window)
   */
  public static List<MetricRow> of(KqlQuery query, LogsQueryResult result, Instant fallbackTime) {
    List<MetricRow> out = new ArrayList<>();
    for (Map<String, Object> row : result.rows()) {
      String timeColumn = null;
      Instant time = fallbackTime;
      for (String c : TIME_COLUMNS) {
        if (row.containsKey(c)) {
          Instant t = instant(row.get(c));
          if (t != null) {
            time = t;
            timeColumn = c;
            break;
          }
        }
      }
      TreeMap<String, String> dims = new TreeMap<>();
      Map<String, Double> values = new TreeMap<>();
      for (Map.Entry<String, Object> cell : row.entrySet()) {
        String column = cell.getKey();
        Object v = cell.getValue();
        if (column.equals(timeColumn) || v == null) {
          continue;
        }
        if (v instanceof Number n) {
          double d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
          if (Double.isFinite(d)) {
            values.put(column, d);
          }
        } else {
          dims.put(column, String.valueOf(v));
        }
      }
      dims.put(QUERY, query.name());
      StringBuilder dimKey = new StringBuilder();
      dims.forEach((k, v) -> dimKey.append(k).append('=').append(v).append('\u0001'));
      for (Map.Entry<String, Double> e : values.entrySet()) {
        String metric = PREFIX + query.stem() + "." + e.getKey();
        Map<String, String> d = new TreeMap<>(dims);
        d.put(
            ITEM_ID,
            "la:h" + ItemIds.hash(query.name(), time.toString(), metric, dimKey.toString()));
        if (result.partial()) {
          d.put(PARTIAL, "true");
        }
        out.add(new MetricRow(metric, time, e.getValue(), d));
      }
    }
    return out;
  }

  private static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof String s && !s.isBlank()) {
      try {
        return OffsetDateTime.parse(s.strip()).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
