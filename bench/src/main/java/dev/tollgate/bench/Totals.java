package dev.tollgate.bench;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A sink that keeps only totals: what a benchmark needs to prove the work was done (and to compare
 * with the Python script's totals) without measuring an output format.
 */
public final class Totals implements TollgateSink {
  long requests;
  long llm;
  long errors;
  long reported;
  long estimated;
  long inputTokens;
  long outputTokens;
  long reportedInputTokens;
  long reportedOutputTokens;
  BigDecimal cost = BigDecimal.ZERO;
  BigDecimal reportedCost = BigDecimal.ZERO;
  long deadLetters;
  long aggregates;

  @Override
  public void request(LlmRequest r) {
    requests++;
    if (!r.route().llm()) {
      return;
    }
    llm++;
    if (r.outcome().errorType() != null) {
      errors++;
    }
    inputTokens += r.usage().inputOrZero();
    outputTokens += r.usage().outputOrZero();
    if (r.usage().source() == UsageSource.REPORTED) {
      reported++;
      reportedInputTokens += r.usage().inputOrZero();
      reportedOutputTokens += r.usage().outputOrZero();
      if (r.price().cost().usd() != null) {
        reportedCost = reportedCost.add(r.price().cost().usd());
      }
    } else if (r.usage().source() == UsageSource.ESTIMATED) {
      estimated++;
    }
    if (r.price().cost().usd() != null) {
      cost = cost.add(r.price().cost().usd());
    }
  }

  @Override
  public void deadLetter(DeadLetter d) {
    deadLetters++;
  }

  @Override
  public void aggregate(WindowAggregate a) {
    aggregates++;
  }

  @Override
  public void finish(RunStats stats) {
    // The totals are complete as they are.
  }

  public long requests() {
    return requests;
  }

  public long llm() {
    return llm;
  }

  public long errors() {
    return errors;
  }

  public long deadLetters() {
    return deadLetters;
  }

  public long aggregates() {
    return aggregates;
  }

  public long estimated() {
    return estimated;
  }

  public long reported() {
    return reported;
  }

  /** The same keys the Python script prints, so the harness can compare them. */
  public String json() {
    return String.format(
        Locale.ROOT,
        "{\"records\":%d,\"llm\":%d,\"errors\":%d,\"reported\":%d,\"estimated\":%d,"
            + "\"input_tokens\":%d,\"output_tokens\":%d,\"reported_input_tokens\":%d,"
            + "\"reported_output_tokens\":%d,\"cost_usd\":%s,\"reported_cost_usd\":%s,"
            + "\"dead_letters\":%d,\"aggregates\":%d}",
        requests + deadLetters,
        llm,
        errors,
        reported,
        estimated,
        inputTokens,
        outputTokens,
        reportedInputTokens,
        reportedOutputTokens,
        cost.toPlainString(),
        reportedCost.toPlainString(),
        deadLetters,
        aggregates);
  }
}
