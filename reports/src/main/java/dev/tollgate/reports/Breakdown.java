package dev.tollgate.reports;

import java.util.List;

/**
 * Totals per value of one or more dimensions, largest cost first (then most requests, then by
 * name).
 *
 * @param name the file-name part, e.g. {@code by-team}
 * @param dimensions column names of the key, e.g. {@code [team]}
 * @param rows one per key
 */
public record Breakdown(String name, List<String> dimensions, List<Row> rows) {
  public Breakdown {
    dimensions = List.copyOf(dimensions);
    rows = List.copyOf(rows);
  }

  /** One key's totals. */
  public record Row(List<String> key, Totals totals) {
    public Row {
      key = List.copyOf(key);
    }

    /** The key as one label, parts joined with " / ". */
    public String label() {
      return String.join(" / ", key);
    }
  }
}
