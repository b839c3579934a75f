package dev.tollgate.core.pipeline;

import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.UsageSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one run: what came in and what became of it. Every record lands in exactly one
 * bucket.
 */
public final class RunStats {
  private long messages;
  private long redeliveredSkipped;
  private long llmRequests;
  private long otherRequests;
  private long llmLogRecords;
  private long resourceLogRecords;
  private long resourceLogCalls;
  private long estimated;
  private long unpriced;
  private long implausibleUsage;
  private BigDecimal costUsd = BigDecimal.ZERO;
  private final Map<String, Long> deadLetters = new TreeMap<>();
  private Instant newestRecordTime;

  void message() {
    messages++;
  }

  void redelivered() {
    redeliveredSkipped++;
  }

  void llmLogRecord() {
    llmLogRecords++;
  }

  void request(LlmRequest r) {
    seen(r);
    if (!r.route().llm()) {
      otherRequests++;
      return;
    }
    llmRequests++;
    if (r.usage().source() == UsageSource.ESTIMATED) {
      estimated++;
    }
    if (r.price().cost().status() == CostStatus.UNPRICED_MODEL) {
      unpriced++;
    }
    if (r.price().cost().status() == CostStatus.IMPLAUSIBLE_USAGE) {
      implausibleUsage++;
    }
    if (r.price().cost().usd() != null) {
      costUsd = costUsd.add(r.price().cost().usd());
    }
  }

  /**
   * An Azure OpenAI resource-log record: the account's view of calls the gateway may also have
   * logged, so it is counted apart and never in the LLM requests, cost or unpriced counts.
   */
  void resourceLogRecord(LlmRequest r) {
    seen(r);
    resourceLogRecords++;
    if (r.route().llm()) {
      resourceLogCalls++;
    }
  }

  private void seen(LlmRequest r) {
    if (newestRecordTime == null || r.origin().time().isAfter(newestRecordTime)) {
      newestRecordTime = r.origin().time();
    }
  }

  void deadLetter(String reason) {
    deadLetters.merge(reason, 1L, Long::sum);
  }

  /** Time of the newest record enriched, for lag (null when none was). */
  public Instant newestRecordTime() {
    return newestRecordTime;
  }

  public long messages() {
    return messages;
  }

  /** Messages skipped because their partition's progress shows them already delivered. */
  public long redeliveredSkipped() {
    return redeliveredSkipped;
  }

  public long llmRequests() {
    return llmRequests;
  }

  public long otherRequests() {
    return otherRequests;
  }

  /** GatewayLlmLogs records: counted, not costed (GatewayLogs carries the same calls). */
  public long llmLogRecords() {
    return llmLogRecords;
  }

  /** Azure OpenAI resource-log records (every category), counted apart from gateway records. */
  public long resourceLogRecords() {
    return resourceLogRecords;
  }

  /** Of those, the inference calls the account logged (some also went through the gateway). */
  public long resourceLogCalls() {
    return resourceLogCalls;
  }

  public long estimated() {
    return estimated;
  }

  public long unpriced() {
    return unpriced;
  }

  /** LLM requests whose usage no call can have: kept, not priced ({@code implausible_usage}). */
  public long implausibleUsage() {
    return implausibleUsage;
  }

  public BigDecimal costUsd() {
    return costUsd;
  }

  public long deadLetterCount() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> deadLettersByReason() {
    return Map.copyOf(deadLetters);
  }

  /**
   * Every record read: enriched, passed through, counted LLM logs, resource logs, or dead-lettered.
   */
  public long records() {
    return llmRequests + otherRequests + llmLogRecords + resourceLogRecords + deadLetterCount();
  }
}
