package dev.tollgate.core.model;

/**
 * Where a record was read: the Event Hub partition and sequence number of its message (null when
 * read from a plain file), the file or blob name, and the record's index inside the message.
 */
public record SourcePosition(String partitionId, Long sequenceNumber, String source, int index) {
  public static SourcePosition ofFile(String source, int index) {
    return new SourcePosition(null, null, source, index);
  }

  public SourcePosition withIndex(int newIndex) {
    return new SourcePosition(partitionId, sequenceNumber, source, newIndex);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (source != null) {
      b.append(source);
    }
    if (partitionId != null) {
      b.append(b.length() > 0 ? " " : "").append("partition ").append(partitionId);
    }
    if (sequenceNumber != null) {
      b.append(" seq ").append(sequenceNumber);
    }
    return b.append(" #").append(index).toString();
  }
}
