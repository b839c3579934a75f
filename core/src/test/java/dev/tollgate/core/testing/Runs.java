package dev.tollgate.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.RunStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs bodies through a pipeline into a {@link CollectingSink}. */
public final class Runs {
  public static final Instant NOW = Instant.parse("2025-07-02T00:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final Pipeline DEFAULT = Pipeline.builder().clock(CLOCK).build();

  private Runs() {}

  public static Pipeline pipeline(EnrichOptions options) {
    return Pipeline.builder().clock(CLOCK).options(options).build();
  }

  /** The result of one run. */
  public record Result(CollectingSink sink, RunStats stats) {}

  public static Result run(Pipeline pipeline, EventBody... bodies) {
    CollectingSink sink = new CollectingSink();
    Run run = pipeline.start(sink);
    for (EventBody b : bodies) {
      run.accept(b);
    }
    run.close();
    return new Result(sink, run.stats());
  }

  public static Result run(EventBody... bodies) {
    return run(DEFAULT, bodies);
  }

  /** One record, as a one-record Event Hub envelope. */
  public static Result one(JsonNode record) {
    return run(envelope(record));
  }

  public static Result one(Pipeline pipeline, JsonNode record) {
    return run(pipeline, envelope(record));
  }

  public static EventBody envelope(JsonNode... records) {
    StringBuilder b = new StringBuilder("{\"records\":[");
    for (int i = 0; i < records.length; i++) {
      b.append(i == 0 ? "" : ",").append(records[i]);
    }
    return EventBody.ofText(b.append("]}").toString(), "test");
  }
}
