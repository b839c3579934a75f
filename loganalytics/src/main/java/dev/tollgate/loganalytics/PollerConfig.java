package dev.tollgate.loganalytics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the poller runs: the workspace, the query files, its window, and parameter values per query.
 *
 * @param workspaceId the Log Analytics workspace id (a GUID)
 * @param queries query file names from {@code queries/} (workspace scope)
 * @param window the span each run covers; runs should come once per window (the timer's period)
 * @param delay how far behind now a window ends, for Log Analytics' ingestion latency
 * @param parameters per query file name, parameter values by name (plain values, validated)
 * @param maxRetryAfter the longest Retry-After the poller waits for once when throttled
 */
public record PollerConfig(
    String workspaceId,
    List<String> queries,
    Duration window,
    Duration delay,
    Map<String, Map<String, String>> parameters,
    Duration maxRetryAfter) {

  public PollerConfig {
    Objects.requireNonNull(workspaceId, "workspaceId");
    queries = List.copyOf(queries);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (workspaceId.isBlank()) {
      throw new IllegalArgumentException("the workspace id is empty");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the poll window must be positive, not " + window);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the poll delay cannot be negative: " + delay);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("the longest Retry-After cannot be negative");
    }
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    // A null value stands for the parameter type's null, which Map.copyOf would refuse.
    parameters.forEach(
        (q, values) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    parameters = Collections.unmodifiableMap(copy);
  }

  /** The parameter values given for one query (empty when none). */
  public Map<String, String> parametersOf(String query) {
    String file = query.endsWith(".kql") ? query : query + ".kql";
    Map<String, String> v = parameters.get(file);
    if (v == null) {
      v = parameters.get(file.substring(0, file.length() - 4));
    }
    return v == null ? Map.of() : v;
  }
}
