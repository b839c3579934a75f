package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick run of every part of the benchmark harness on a tiny corpus, so that it cannot rot: the
 * measurements themselves run only from {@code bench/run.sh}.
 */
class HarnessSmokeTest {
  private static final Path BENCH = Path.of(System.getProperty("tollgate.bench.dir", "."));

  @TempDir Path tmp;

  @Test
  void generatorIsDeterministicAndWritesTheDocumentedMix() throws IOException {
    Path a = tmp.resolve("a.jsonl");
    Path b = tmp.resolve("b.jsonl");
    CorpusGenerator ga = new CorpusGenerator(CorpusGenerator.Options.DEFAULTS);
    ga.write(a, 2L << 20);
    new CorpusGenerator(CorpusGenerator.Options.DEFAULTS).write(b, 2L << 20);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    assertThat(Files.size(a)).isEqualTo(ga.stats().bytes()).isGreaterThanOrEqualTo(2L << 20);

    CorpusGenerator.Stats s = ga.stats();
    assertThat(s.records()).isGreaterThan(200);
    Map<CorpusGenerator.Kind, Long> kinds = s.byKind();
    assertThat(kinds.keySet()).contains(CorpusGenerator.Kind.CHAT, CorpusGenerator.Kind.EMBEDDINGS);
    double chat = (double) kinds.get(CorpusGenerator.Kind.CHAT) / s.records();
    assertThat(chat).isBetween(0.40, 0.58);
    assertThat(s.cutRequestBodies() + s.cutResponseBodies()).isPositive();

    List<String> lines = Files.readAllLines(a);
    int json = 0;
    for (String line : lines) {
      if (CorpusMix.isJson(line)) {
        json++;
        JsonNode records = Json.MAPPER.readTree(line).get("records");
        assertThat(records.isArray()).isTrue();
      }
    }
    assertThat(json).isGreaterThanOrEqualTo(lines.size() - 1);
  }

  @Test
  void everyBenchmarkMethodRunsOnceAndCountsWhatItRead() {
    for (String mix : List.of("all", "reported")) {
      PipelineBenchmark.Corpus corpus = new PipelineBenchmark.Corpus();
      corpus.size = "512k";
      corpus.seed = 7;
      corpus.mix = mix;
      corpus.generate();
      assertThat(corpus.bodies.length).isPositive();
      PipelineBenchmark bench = new PipelineBenchmark();
      PipelineBenchmark.Progress progress = new PipelineBenchmark.Progress();
      progress.reset();
      PipelineBenchmark.Runs runs = new PipelineBenchmark.Runs();
      runs.start();
      long tokens = 0;
      long parsed = 0;
      long requests = 0;
      for (int i = 0; i < corpus.bodies.length; i++) {
        tokens += bench.limit(corpus, progress);
      }
      for (int i = 0; i < corpus.bodies.length; i++) {
        parsed += bench.parse(corpus, progress);
      }
      for (int i = 0; i < corpus.bodies.length; i++) {
        requests = bench.pipeline(corpus, progress, runs);
      }
      runs.close();
      long records = 0;
      long bytes = 0;
      for (int i = 0; i < corpus.bodies.length; i++) {
        records += corpus.records[i];
        bytes += corpus.bodies[i].length + 1;
      }
      assertThat(tokens).isGreaterThan(records * 50);
      assertThat(parsed).isPositive();
      assertThat(requests).isPositive().isLessThanOrEqualTo(records);
      assertThat(progress.records).isEqualTo(3 * records);
      assertThat(progress.bytes).isEqualTo(3 * bytes);
      assertThat(runs.totals.aggregates()).isPositive();
      if (mix.equals("reported")) {
        assertThat(runs.totals.estimated()).isZero();
      } else {
        assertThat(runs.totals.estimated()).isPositive();
      }
    }
  }

  @Test
  void javaAndPythonAgreeOnTheTotalsOfTheSameCorpus() throws Exception {
    Path corpus = tmp.resolve("cpu.jsonl");
    new CorpusGenerator(CorpusGenerator.Options.DEFAULTS.withSeed(3)).write(corpus, 1L << 20);
    Totals java = CpuRun.run(corpus);
    assertThat(java.requests()).isPositive();
    assertThat(java.llm()).isPositive();

    Path script = BENCH.resolve("tollgate_py.py");
    assumeThat(python()).as("python3 on the PATH").isTrue();
    Process p =
        new ProcessBuilder("python3", script.toString(), corpus.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode py = Json.MAPPER.readTree(out);
    JsonNode jv = Json.MAPPER.readTree(java.json());
    for (String key :
        List.of(
            "records",
            "llm",
            "errors",
            "reported",
            "estimated",
            "reported_input_tokens",
            "reported_output_tokens",
            "dead_letters",
            "aggregates")) {
      assertThat(py.get(key).asLong()).as(key).isEqualTo(jv.get(key).asLong());
    }
    assertThat(py.get("reported_cost_usd").asDouble())
        .isCloseTo(
            jv.get("reported_cost_usd").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void harnessScriptsCompile() throws Exception {
    assumeThat(python()).as("python3 on the PATH").isTrue();
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import ast,sys; [ast.parse(open(f).read(), f) for f in sys.argv[1:]]",
                BENCH.resolve("harness.py").toString(),
                BENCH.resolve("tollgate_py.py").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void ingestionBytesAreCountedOnTheWireAndMetricsDoNotDependOnTheMode() {
    List<String> bodies = IngestionBytes.corpus(5, 50, 150);
    IngestionBytes.Result all = IngestionBytes.measure("function", 50, bodies, "all");
    IngestionBytes.Result errors = IngestionBytes.measure("function", 50, bodies, "errors");
    IngestionBytes.Result off = IngestionBytes.measure("function", 50, bodies, "off");
    for (IngestionBytes.Result r : List.of(all, errors, off)) {
      assertThat(r.wireBytes()).isPositive();
      // what the client sent is what the endpoint counted
      assertThat(r.clientBytes()).isEqualTo(r.wireBytes());
      assertThat(r.jsonBytes()).isGreaterThan(r.wireBytes());
      assertThat(r.metrics()).isPositive();
      assertThat(r.metricValues()).isEqualTo(all.metricValues());
    }
    assertThat(all.events()).isEqualTo((int) all.llmRequests());
    assertThat(errors.events()).isPositive().isLessThan(all.events());
    assertThat(off.events()).isZero();
    assertThat(off.wireBytes()).isLessThan(errors.wireBytes());
    assertThat(errors.wireBytes()).isLessThan(all.wireBytes());
  }

  @Test
  void coldStartReportsEveryPhase() throws IOException {
    Path batch = tmp.resolve("batch.jsonl");
    new CorpusGenerator(CorpusGenerator.Options.DEFAULTS).write(batch, 256 << 10);
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      ColdStart.main(new String[] {batch.toString(), batch.toString()});
      ColdStart.main(new String[] {"--tokenizer"});
    } finally {
      System.setOut(old);
    }
    String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
    JsonNode phases = Json.MAPPER.readTree(lines[0]);
    assertThat(phases.get("batches")).hasSize(2);
    assertThat(phases.get("batches").get(0).get("records").asLong()).isPositive();
    assertThat(phases.get("pipeline_build_ms").asLong()).isNotNegative();
    assertThat(Json.MAPPER.readTree(lines[1]).has("o200k_base_ms")).isTrue();
  }

  private static boolean python() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
