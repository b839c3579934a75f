package dev.tollgate.core.pipeline;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import java.util.List;

/** Ways to combine sinks. */
public final class Sinks {
  private Sinks() {}

  /** Hands every item to each sink in order; the first failure propagates. */
  public static TollgateSink tee(List<TollgateSink> sinks) {
    List<TollgateSink> all = List.copyOf(sinks);
    if (all.size() == 1) {
      return all.get(0);
    }
    return new TollgateSink() {
      @Override
      public void request(LlmRequest request) {
        all.forEach(s -> s.request(request));
      }

      @Override
      public void deadLetter(DeadLetter deadLetter) {
        all.forEach(s -> s.deadLetter(deadLetter));
      }

      @Override
      public void aggregate(WindowAggregate aggregate) {
        all.forEach(s -> s.aggregate(aggregate));
      }

      @Override
      public void runCompleted(RunStats stats) {
        all.forEach(s -> s.runCompleted(stats));
      }

      @Override
      public void flush() {
        all.forEach(TollgateSink::flush);
      }
    };
  }
}
