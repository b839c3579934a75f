package dev.tollgate.functions;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.pipeline.TollgateSink;
import java.util.List;

/**
 * Hands every item to each sink in order. The first sink that throws stops the batch, which is the
 * point: the run then fails before its progress is recorded, and the host retries it.
 */
public final class CompositeSink implements TollgateSink {
  private final List<TollgateSink> sinks;

  public CompositeSink(List<TollgateSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void request(LlmRequest request) {
    sinks.forEach(s -> s.request(request));
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    sinks.forEach(s -> s.deadLetter(deadLetter));
  }

  @Override
  public void aggregate(WindowAggregate aggregate) {
    sinks.forEach(s -> s.aggregate(aggregate));
  }

  @Override
  public void flush() {
    sinks.forEach(TollgateSink::flush);
  }
}
