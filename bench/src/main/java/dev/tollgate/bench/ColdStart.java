package dev.tollgate.bench;

import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.core.enrich.TokenEstimator;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.RunStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a fresh JVM pays before its first batch is done, as the Functions trigger does it: build the
 * pipeline (price catalog), then process one Event Hub batch per file given (up to 100 bodies, the
 * host.json maxEventBatchSize). Prints one JSON line of milliseconds since the process started.
 *
 * <p>After each batch a marker class is loaded, so a {@code -Xlog:class+load} log shows which
 * classes (the tokenizer's, say) were loaded for which batch.
 */
public final class ColdStart {
  private static final int MAX_BATCH = 100;

  private ColdStart() {}

  /** Loaded after the first batch: classes logged before it were needed by that batch. */
  static final class AfterFirstBatch {
    static void mark() {}
  }

  /** Loaded after the second batch. */
  static final class AfterSecondBatch {
    static void mark() {}
  }

  public static void main(String[] args) throws IOException {
    long mainAt = System.currentTimeMillis();
    Instant started = ProcessHandle.current().info().startInstant().orElse(null);
    long processStart = started == null ? mainAt : started.toEpochMilli();
    if (args.length == 1 && args[0].equals("--tokenizer")) {
      System.out.println(tokenizer());
      return;
    }
    List<List<EventBody>> batches = new ArrayList<>();
    for (String a : args) {
      List<EventBody> bodies = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(a), StandardCharsets.UTF_8)) {
        if (!line.isBlank() && bodies.size() < MAX_BATCH) {
          bodies.add(new EventBody(line, "0", (long) bodies.size(), null, a));
        }
      }
      batches.add(bodies);
    }
    long readAt = System.currentTimeMillis();
    Pipeline pipeline = Pipeline.builder().build();
    long builtAt = System.currentTimeMillis();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "{\"process_to_main_ms\":%d,\"read_input_ms\":%d,\"pipeline_build_ms\":%d,\"batches\":[",
            mainAt - processStart,
            readAt - mainAt,
            builtAt - readAt));
    long previous = builtAt;
    for (int i = 0; i < batches.size(); i++) {
      Run run = pipeline.start(new Totals());
      batches.get(i).forEach(run::accept);
      run.close();
      RunStats s = run.stats();
      long doneAt = System.currentTimeMillis();
      if (i == 0) {
        AfterFirstBatch.mark();
      } else if (i == 1) {
        AfterSecondBatch.mark();
      }
      out.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"bodies\":%d,\"records\":%d,\"estimated\":%d,\"ms\":%d,\"done_since_start_ms\":%d}",
                  batches.get(i).size(),
                  s.records(),
                  s.estimated(),
                  doneAt - previous,
                  doneAt - processStart));
      previous = doneAt;
    }
    out.append("]}");
    System.out.println(out);
  }

  /** What loading each encoding costs in a fresh JVM (first count of a one-word text). */
  static String tokenizer() {
    TokenEstimator estimator = new TokenEstimator();
    long t0 = System.nanoTime();
    estimator.count("hello", EncodingType.O200K_BASE);
    long t1 = System.nanoTime();
    estimator.count("hello", EncodingType.CL100K_BASE);
    long t2 = System.nanoTime();
    return String.format(
        Locale.ROOT,
        "{\"o200k_base_ms\":%d,\"cl100k_base_ms\":%d}",
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
  }
}
