package dev.tollgate.functions;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.pipeline.TollgateSink;
import java.util.logging.Logger;

/**
 * PLACEHOLDER for the Application Insights sink (a later issue): it only counts what it is given
 * and logs one line per batch on flush. Requests and aggregates are not delivered anywhere yet.
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
  public void flush() {
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
    return "telemetry placeholder (not delivered): "
        + requests
        + " requests, "
        + aggregates
        + " aggregates, "
        + deadLetters
        + " dead letters";
  }
}
