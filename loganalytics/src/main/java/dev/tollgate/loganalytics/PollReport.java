package dev.tollgate.loganalytics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one poller run did: the window it covered and one outcome per configured query, in order.
 *
 * @param window the data window of the run ({@code start_time}/{@code end_time} of the queries)
 * @param outcomes one per configured query
 */
public record PollReport(QueryTimeSpan window, List<Outcome> outcomes) {

  /** How a query went. */
  public enum Status {
    /** Ran; every row became items. */
    OK,
    /** Ran with a partial result: the rows that came back became items, flagged. */
    PARTIAL,
    /** Throttled again after waiting for Retry-After once, or asked to wait too long. */
    THROTTLED,
    /** The query ran out of time. */
    TIMED_OUT,
    /** Any other failure (bad KQL, missing table, no access, network). */
    FAILED,
    /** Not run: the run stopped before it (throttled). */
    SKIPPED
  }

  /**
   * One query's outcome.
   *
   * @param query the file name
   * @param rows rows the query returned
   * @param items metric items handed to the sink
   * @param message why it was partial, failed or skipped; null when OK
   */
  public record Outcome(String query, Status status, int rows, int items, String message) {}

  public PollReport {
    outcomes = List.copyOf(outcomes);
  }

  /** True when any query did not run to an answer (partial answers count as answers). */
  public boolean failed() {
    return outcomes.stream().anyMatch(o -> o.status() != Status.OK && o.status() != Status.PARTIAL);
  }

  /** Items handed to the sink in this run. */
  public int items() {
    return outcomes.stream().mapToInt(Outcome::items).sum();
  }

  /** One line per query, e.g. {@code llm-log-usage.kql OK rows=12 items=60}. */
  public String summary() {
    return "Log Analytics poll "
        + window.start()
        + " .. "
        + window.end()
        + "\n"
        + outcomes.stream()
            .map(
                o ->
                    o.query()
                        + " "
                        + o.status()
                        + " rows="
                        + o.rows()
                        + " items="
                        + o.items()
                        + (o.message() == null ? "" : " (" + o.message() + ")"))
            .collect(Collectors.joining("\n"));
  }
}
