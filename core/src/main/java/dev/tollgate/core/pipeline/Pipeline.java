package dev.tollgate.core.pipeline;

import dev.tollgate.core.aggregate.WindowAggregator;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.enrich.Enricher;
import dev.tollgate.core.enrich.TokenEstimator;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.price.CostCalculator;
import dev.tollgate.core.price.PriceCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * source → parse → enrich → aggregate → sink. Holds the immutable, shareable parts (catalog,
 * tokenizer, options); each {@link Run} holds the state of one batch or one replay.
 */
public final class Pipeline {
  private final Enricher enricher;
  private final PriceCatalog catalog;
  private final Clock clock;
  private final Duration windowLateness;

  private Pipeline(Builder b) {
    this.windowLateness = b.windowLateness;
    this.catalog = b.catalog != null ? b.catalog : PriceCatalog.builtIn();
    this.enricher = new Enricher(new CostCalculator(catalog), new TokenEstimator(), b.options);
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  public PriceCatalog catalog() {
    return catalog;
  }

  /** A run without per-partition progress (replay of files). */
  public Run start(TollgateSink sink) {
    return new Run(enricher, sink, null, clock, new WindowAggregator(windowLateness));
  }

  /**
   * A run that skips messages its partition's progress shows as delivered, and advances it on
   * close.
   */
  public Run start(TollgateSink sink, ProgressStore progress) {
    return new Run(
        enricher,
        sink,
        Objects.requireNonNull(progress, "progress"),
        clock,
        new WindowAggregator(windowLateness));
  }

  /**
   * Processes one Event Hub batch: every body, then the aggregates, then progress. A sink failure
   * propagates so the host retries the batch; progress is only advanced after delivery.
   */
  public RunStats processBatch(List<EventBody> bodies, TollgateSink sink, ProgressStore progress) {
    Run run = start(sink, progress);
    bodies.forEach(run::accept);
    run.close();
    return run.stats();
  }

  /** Builder in the Azure SDK style: everything optional, sensible defaults. */
  public static final class Builder {
    private PriceCatalog catalog;
    private EnrichOptions options = EnrichOptions.DEFAULTS;
    private Clock clock = Clock.systemUTC();
    private Duration windowLateness;

    public Builder catalog(PriceCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder options(EnrichOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Emits each 1-minute window once the latest record's window is this far past it, instead of
     * holding every window until the run closes: what keeps a long replay's memory flat. Records
     * later than that start a separately identified segment of their window. Unset (the default,
     * right for Event Hub batches) holds windows until the run closes.
     */
    public Builder windowLateness(Duration lateness) {
      if (lateness != null && lateness.isNegative()) {
        throw new IllegalArgumentException("window lateness must not be negative: " + lateness);
      }
      this.windowLateness = lateness;
      return this;
    }

    public Pipeline build() {
      return new Pipeline(this);
    }
  }
}
