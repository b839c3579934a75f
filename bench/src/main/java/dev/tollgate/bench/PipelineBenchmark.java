package dev.tollgate.bench;

import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.RecordReader;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process throughput on one core, over the same generated bodies (UTF-8 bytes, as they arrive):
 *
 * <ul>
 *   <li>{@code limit}: Jackson's streaming tokenizer reading every token, embedded bodies re-parsed
 *       ({@link TokenLimit}), the practical ceiling;
 *   <li>{@code parse}: {@link RecordReader} alone (envelope to records);
 *   <li>{@code pipeline}: parse, enrich (route, usage, token estimates, price) and aggregate into
 *       1-minute windows, with a sink that keeps totals.
 * </ul>
 *
 * One operation is one Event Hub body; the {@code records} and {@code bytes} counters give
 * records/s and bytes/s (JMH reports them per second next to the score).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PipelineBenchmark {

  /** The corpus, generated once per fork. */
  @State(Scope.Benchmark)
  public static class Corpus {
    @Param("16m")
    public String size;

    @Param("42")
    public long seed;

    /**
     * {@code all}: the documented mix; {@code reported}: the same bodies without the records whose
     * usage has to be estimated with the tokenizer.
     */
    @Param({"all", "reported"})
    public String mix;

    byte[][] bodies;
    int[] records;

    @Setup(Level.Trial)
    public void generate() {
      CorpusGenerator g = new CorpusGenerator(CorpusGenerator.Options.DEFAULTS.withSeed(seed));
      List<String> texts = g.bodies(CorpusGenerator.parseSize(size));
      if (mix.equals("reported")) {
        texts = CorpusMix.withoutEstimates(texts);
      }
      bodies = new byte[texts.size()][];
      records = new int[texts.size()];
      int[] n = new int[1];
      for (int i = 0; i < bodies.length; i++) {
        bodies[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
        n[0] = 0;
        RecordReader.read(
            EventBody.ofText(texts.get(i), "corpus"),
            new RecordReader.Visitor() {
              @Override
              public void record(dev.tollgate.core.parse.GatewayRecord r) {
                n[0]++;
              }

              @Override
              public void broken(RecordReader.BrokenRecord b) {
                n[0]++;
              }
            });
        records[i] = n[0];
      }
    }
  }

  /** Where each thread is in the corpus, and what it got through (reported per second). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Progress {
    public long records;
    public long bytes;
    int next;

    @Setup(Level.Iteration)
    public void reset() {
      records = 0;
      bytes = 0;
    }

    int advance(Corpus c) {
      int i = next;
      next = i + 1 == c.bodies.length ? 0 : i + 1;
      records += c.records[i];
      bytes += c.bodies[i].length + 1;
      return i;
    }
  }

  /** One pipeline and one run per iteration (the run holds the windows). */
  @State(Scope.Thread)
  public static class Runs {
    final Pipeline pipeline = Pipeline.builder().build();
    Totals totals;
    Run run;

    @Setup(Level.Iteration)
    public void start() {
      totals = new Totals();
      run = pipeline.start(totals);
    }

    @TearDown(Level.Iteration)
    public void close() {
      run.close();
    }
  }

  @Benchmark
  public long limit(Corpus c, Progress p) {
    return TokenLimit.tokens(c.bodies[p.advance(c)]);
  }

  @Benchmark
  public long parse(Corpus c, Progress p) {
    byte[] body = c.bodies[p.advance(c)];
    long[] n = new long[1];
    RecordReader.read(
        EventBody.ofText(new String(body, StandardCharsets.UTF_8), "bench"),
        new RecordReader.Visitor() {
          @Override
          public void record(dev.tollgate.core.parse.GatewayRecord r) {
            n[0] += r.position().index() + 1;
          }

          @Override
          public void broken(RecordReader.BrokenRecord b) {
            n[0]++;
          }
        });
    return n[0];
  }

  @Benchmark
  public long pipeline(Corpus c, Progress p, Runs r) {
    byte[] body = c.bodies[p.advance(c)];
    r.run.accept(EventBody.ofText(new String(body, StandardCharsets.UTF_8), "bench"));
    return r.totals.requests();
  }
}
