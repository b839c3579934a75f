package dev.tollgate.core.pipeline;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-partition progress: the highest Event Hub sequence number whose output was delivered. Kept
 * where a retry (or another instance taking over the partition) can see it, so a redelivered
 * message is not counted twice.
 */
public interface ProgressStore {
  OptionalLong delivered(String partitionId);

  void markDelivered(String partitionId, long sequenceNumber);

  /** Progress kept in memory, for replay and tests. */
  static ProgressStore inMemory() {
    Map<String, Long> m = new ConcurrentHashMap<>();
    return new ProgressStore() {
      @Override
      public OptionalLong delivered(String partitionId) {
        Long v = m.get(partitionId);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
      }

      @Override
      public void markDelivered(String partitionId, long sequenceNumber) {
        m.merge(partitionId, sequenceNumber, Math::max);
      }
    };
  }
}
