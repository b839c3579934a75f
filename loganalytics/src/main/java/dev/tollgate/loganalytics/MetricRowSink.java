package dev.tollgate.loganalytics;

/**
 * Where the poller's metric items go (Application Insights custom metrics in the function app).
 *
 * <p>The poller calls {@link #accept} once per item, in query order, and {@link #flush} once at the
 * end of a run, also when the run stopped early. Items carry deterministic ids ({@code
 * tollgate.item_id}): sending the same window twice is harmless for queries that de-duplicate. An
 * exception from either method stops the run and propagates to the caller.
 */
public interface MetricRowSink {

  void accept(MetricRow row);

  /** Delivers whatever is buffered. */
  default void flush() {}
}
