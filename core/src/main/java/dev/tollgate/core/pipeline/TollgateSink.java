package dev.tollgate.core.pipeline;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;

/**
 * Where a run's output goes. Implementations batch and deliver as they see fit; the pipeline only
 * hands items over, in order. A sink that cannot deliver throws, and the caller decides whether the
 * input is retried.
 */
public interface TollgateSink {
  void request(LlmRequest request);

  void deadLetter(DeadLetter deadLetter);

  void aggregate(WindowAggregate aggregate);

  /** Called once at the end of a run, after the aggregates and before {@link #flush}. */
  default void runCompleted(RunStats stats) {}

  /** Called once at the end of a run, after the aggregates. */
  default void flush() {}
}
