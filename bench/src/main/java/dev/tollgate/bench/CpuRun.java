package dev.tollgate.bench;

import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Java side of the CPU-time comparison with {@code bench/tollgate_py.py}: reads a corpus file
 * line by line (as replay does), runs parse, enrich and aggregate over every body, and prints the
 * totals as one JSON line. The harness measures the whole process's CPU time (JIT and GC threads
 * included) from outside.
 */
public final class CpuRun {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private CpuRun() {}

  public static Totals run(Path corpus) throws IOException {
    return run(Pipeline.builder().build(), corpus);
  }

  static Totals run(Pipeline pipeline, Path corpus) throws IOException {
    Totals totals = new Totals();
    Run run = pipeline.start(totals);
    try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          run.accept(EventBody.ofText(line, "corpus:" + n));
        }
      }
    }
    run.close();
    return totals;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: CpuRun CORPUS.jsonl [PASSES]");
    }
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Totals t = null;
    Pipeline pipeline = Pipeline.builder().build();
    for (int i = 0; i < passes; i++) {
      long start = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      t = run(pipeline, Path.of(args[0]));
      System.err.printf(
          java.util.Locale.ROOT,
          "pass %d: %.2f s wall %.2f s cpu%n",
          i + 1,
          (System.nanoTime() - start) / 1e9,
          (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }
    System.out.println(t.json());
  }
}
