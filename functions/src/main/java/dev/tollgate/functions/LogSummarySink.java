package dev.tollgate.functions;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.util.logging.Logger;

/**
 * Used when no Application Insights connection string is set: counts what it is given and logs one
 * line per batch, so a misconfigured app is visible in its logs. Nothing is delivered.
 */
public final class LogSummarySink implements TollgateSink {
  private final Logger log;
  private long requests;
  private long aggregates;
  private long deadLetters;

  public LogSummarySink(Logger log) {
    this.log = log;
  }

  @Override
  public void request(LlmRequest request) {
    requests++;
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    deadLetters++;
  }

  @Override
  public void aggregate(WindowAggregate aggregate) {
    aggregates++;
  }

  @Override
  public void finish(RunStats stats) {
    log.info(summary());
  }

  public long requests() {
    return requests;
  }

  public long aggregates() {
    return aggregates;
  }

  public long deadLetters() {
    return deadLetters;
  }

  String summary() {
    return "no telemetry destination configured (APPLICATIONINSIGHTS_CONNECTION_STRING), not delivered: "
        + requests
        + " requests, "
        + aggregates
        + " aggregates, "
        + deadLetters
        + " dead letters";
  }
}
