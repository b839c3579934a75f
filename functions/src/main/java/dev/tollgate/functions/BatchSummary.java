package dev.tollgate.functions;

import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.RunStats;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;

/** One log line per batch: where it came from and what became of its records. */
public final class BatchSummary {
  private BatchSummary() {}

  public static String describe(List<EventBody> bodies, RunStats s) {
    StringBuilder b = new StringBuilder("GatewayLogs batch");
    if (!bodies.isEmpty()) {
      EventBody first = bodies.get(0);
      b.append(" partition ").append(first.partitionId() == null ? "?" : first.partitionId());
      Long lo = null;
      Long hi = null;
      for (EventBody e : bodies) {
        if (e.sequenceNumber() != null) {
          lo = lo == null ? e.sequenceNumber() : Math.min(lo, e.sequenceNumber());
          hi = hi == null ? e.sequenceNumber() : Math.max(hi, e.sequenceNumber());
        }
      }
      if (lo != null) {
        b.append(" seq ").append(lo).append("..").append(hi);
      }
    }
    return b.append(": ")
        .append(s.messages())
        .append(" messages, ")
        .append(s.redeliveredSkipped())
        .append(" skipped as already delivered; ")
        .append(s.llmRequests())
        .append(" LLM requests (")
        .append(s.estimated())
        .append(" estimated, ")
        .append(s.unpriced())
        .append(" unpriced, ")
        .append(s.implausibleUsage())
        .append(" implausible usage, $")
        .append(s.costUsd().setScale(6, RoundingMode.HALF_UP).toPlainString())
        .append("), ")
        .append(s.otherRequests())
        .append(" other requests, ")
        .append(s.llmLogRecords())
        .append(" LLM log records, ")
        .append(s.deadLetterCount())
        .append(" dead letters")
        .append(s.deadLetterCount() == 0 ? "" : " " + new TreeMap<>(s.deadLettersByReason()))
        .toString();
  }
}
