package dev.tollgate.cli;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.parse.RecordKind;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps the totals the summary table shows. It watches, it does not wrap: it is one more sink of
 * the replay's tee, so it has nothing to forward and nothing to forget.
 */
final class SummarySink implements TollgateSink {
  /** Totals of one deployment and model. */
  static final class Row {
    long requests;
    long errors;
    long inputTokens;
    long outputTokens;
    long estimated;
    BigDecimal costUsd = BigDecimal.ZERO;
    long unpriced;
  }

  private final Map<String, Row> rows = new TreeMap<>();
  private final TreeSet<String> unpricedModels = new TreeSet<>();

  @Override
  public void request(LlmRequest r) {
    // a resource log is the account's view of calls the gateway rows may already hold
    if (r.route().llm() && RecordKind.of(r) != RecordKind.OPENAI_RESOURCE_LOG) {
      String model =
          r.model().responseModel() != null ? r.model().responseModel() : r.model().requestModel();
      Row row =
          rows.computeIfAbsent(label(r.route().deployment()) + "\t" + label(model), k -> new Row());
      row.requests++;
      row.errors += r.outcome().errorType() == null ? 0 : 1;
      row.inputTokens += r.usage().inputOrZero();
      row.outputTokens += r.usage().outputOrZero();
      row.estimated += r.usage().source() == UsageSource.ESTIMATED ? 1 : 0;
      if (r.price().cost().usd() != null) {
        row.costUsd = row.costUsd.add(r.price().cost().usd());
      }
      if (r.price().cost().status() == CostStatus.UNPRICED_MODEL) {
        row.unpriced++;
        unpricedModels.add(String.valueOf(r.price().pricedModel()));
      }
    }
  }

  /** Dead letters are counted in the run's counters, which the table shows. */
  @Override
  public void deadLetter(DeadLetter d) {}

  @Override
  public void aggregate(WindowAggregate a) {}

  @Override
  public void finish(RunStats stats) {}

  Map<String, Row> rows() {
    return rows;
  }

  TreeSet<String> unpricedModels() {
    return unpricedModels;
  }

  private static String label(String s) {
    return s == null ? "(unknown)" : s;
  }
}
