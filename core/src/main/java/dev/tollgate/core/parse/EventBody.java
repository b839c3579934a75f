package dev.tollgate.core.parse;

import java.time.Instant;

/**
 * One Event Hub message body (or one file's worth of text in replay), with where it came from.
 * Partition and sequence number come from the Event Hub system properties or a Capture file; they
 * are null for plain files.
 */
public record EventBody(
    String text, String partitionId, Long sequenceNumber, Instant enqueuedTime, String source) {

  public static EventBody ofText(String text, String source) {
    return new EventBody(text, null, null, null, source);
  }
}
