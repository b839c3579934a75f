package dev.tollgate.reports;

/** Where a {@link ReportSource} hands its records. */
public interface RecordSink {
  /** One record (any time, any kind: the receiver filters). */
  void accept(UsageRecord record);

  /**
   * A line or row that could not be read; it is counted and skipped.
   *
   * @param location e.g. {@code out/requests.jsonl:17}
   * @param reason what is wrong with it
   */
  void malformed(String location, String reason);
}
