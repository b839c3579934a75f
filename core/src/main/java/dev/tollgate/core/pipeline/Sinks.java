package dev.tollgate.core.pipeline;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import java.util.List;

/**
 * Ways to combine sinks: the only classes that forward {@link TollgateSink} calls (SinkContractTest
 * checks each forwards every method of the interface).
 */
public final class Sinks {
  private Sinks() {}

  /**
   * Hands every item to each sink in order; the first failure propagates. At the end of the run
   * every sink finishes, even after one failed, so one destination that is down does not cost the
   * others what they hold back; then the first failure propagates, the others suppressed in it.
   */
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
      public void finish(RunStats stats) {
        RuntimeException first = null;
        for (TollgateSink s : all) {
          try {
            s.finish(stats);
          } catch (RuntimeException e) {
            if (first == null) {
              first = e;
            } else {
              first.addSuppressed(e);
            }
          }
        }
        if (first != null) {
          throw first;
        }
      }
    };
  }

  /**
   * A sink several runs may share (one per Event Hub partition in one host): calls are serialized
   * so the shared sink sees one item at a time.
   */
  public static TollgateSink synchronizedSink(TollgateSink sink) {
    Object lock = new Object();
    return new TollgateSink() {
      @Override
      public void request(LlmRequest request) {
        synchronized (lock) {
          sink.request(request);
        }
      }

      @Override
      public void deadLetter(DeadLetter deadLetter) {
        synchronized (lock) {
          sink.deadLetter(deadLetter);
        }
      }

      @Override
      public void aggregate(WindowAggregate aggregate) {
        synchronized (lock) {
          sink.aggregate(aggregate);
        }
      }

      @Override
      public void finish(RunStats stats) {
        synchronized (lock) {
          sink.finish(stats);
        }
      }
    };
  }
}
