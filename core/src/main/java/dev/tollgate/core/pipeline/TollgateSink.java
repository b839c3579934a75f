package dev.tollgate.core.pipeline;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;

/**
 * Where a run's output goes. Implementations batch and deliver as they see fit; the pipeline only
 * hands items over, in order. A sink that cannot deliver throws, and the caller decides whether the
 * input is retried.
 *
 * <p>Every method is abstract on purpose, as in OpenTelemetry's exporters: a sink that has nothing
 * to do for a call says so in an empty body, and a wrapper that forgets to forward a call does not
 * compile. Wrappers come from {@link Sinks}, the one place that forwards (tested for every method
 * by reflection); to watch a run, add a sink to a {@link Sinks#tee} rather than wrapping one.
 */
public interface TollgateSink {
  void request(LlmRequest request);

  void deadLetter(DeadLetter deadLetter);

  void aggregate(WindowAggregate aggregate);

  /**
   * The end of a run, called once, after its last aggregate: deliver everything held back (the
   * window being filled, a part-full batch, buffered lines) and whatever reports on the run, then
   * return; throw if that cannot be done, so that the run's progress is not recorded. One call, so
   * that the end of a run cannot be half forwarded.
   */
  void finish(RunStats stats);
}
