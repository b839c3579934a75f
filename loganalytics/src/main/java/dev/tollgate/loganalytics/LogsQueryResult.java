package dev.tollgate.loganalytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary table of a logs query: column names in order and one map per row (column name to
 * value). Values are typed from the column type: {@code Boolean}, {@code Long} (int, long), {@code
 * Double} (real), {@code java.math.BigDecimal} (decimal), {@code java.time.Instant} (datetime), or
 * {@code String} (string, guid, timespan, dynamic); null stays null.
 *
 * <p>{@code partial} is true when the service answered with rows and an error at once (a partial
 * result: some shards failed or a limit was hit); {@code partialError} then says why.
 */
public record LogsQueryResult(
    List<String> columns, List<Map<String, Object>> rows, boolean partial, String partialError) {

  public LogsQueryResult {
    columns = List.copyOf(columns);
    List<Map<String, Object>> copies = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      // Values may be null, which Map.copyOf refuses.
      copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    rows = Collections.unmodifiableList(copies);
    if (partial && (partialError == null || partialError.isBlank())) {
      partialError = "partial result (no reason given)";
    }
    if (!partial) {
      partialError = null;
    }
  }

  /** A complete result. */
  public static LogsQueryResult complete(List<String> columns, List<Map<String, Object>> rows) {
    return new LogsQueryResult(columns, rows, false, null);
  }
}
