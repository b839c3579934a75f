package dev.tollgate.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of {@code queries/} parses and type-checks, with no diagnostic at all, against the
 * declared table schemas, using Microsoft's Kusto language service through {@code
 * tools/kql/check.js}; and the checker does fail broken queries. Never skipped: without the
 * language service installed the test fails and says how to install it.
 */
class QueriesKqlCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path root;

  /** What one run of the checker printed and returned. */
  record Check(int exitCode, JsonNode report, String stderr) {
    JsonNode file(String name) {
      for (JsonNode f : report.path("files")) {
        if (Path.of(f.path("file").asText()).getFileName().toString().equals(name)) {
          return f;
        }
      }
      throw new AssertionError("the checker did not report on " + name + ": " + report);
    }

    List<String> codes(String name) {
      List<String> codes = new ArrayList<>();
      file(name).path("diagnostics").forEach(d -> codes.add(d.path("code").asText()));
      return codes;
    }
  }

  private static Check queriesCheck;
  private static Check othersCheck;

  @BeforeAll
  static void runTheChecker(@TempDir Path dir) throws Exception {
    root = repositoryRoot();
    Path service = root.resolve("tools/node_modules/@kusto/language-service-next/package.json");
    if (!Files.isRegularFile(service)) {
      fail(
          "The KQL checker needs Microsoft's Kusto language service, which is not installed in "
              + root.resolve("tools/node_modules")
              + ". Run mvn verify or ./tollgate test (the build runs npm ci in tools/ first), or: node tools/install.js");
    }
    // What the poller and the reports send: the declare statement replaced by let statements,
    // with the values the poller binds where a query takes them, else the defaults.
    Map<String, String> window =
        Map.of(
            "start_time", Instant.parse("2025-06-01T10:00:00Z").toString(),
            "end_time", Instant.parse("2025-06-01T10:15:00Z").toString());
    Path rendered = Files.createDirectory(dir.resolve("rendered"));
    for (KqlQuery q : QueryCatalog.classpath().all()) {
      Map<String, String> values = new HashMap<>();
      window.forEach(
          (k, v) -> {
            if (q.parameter(k).isPresent()) {
              values.put(k, v);
            }
          });
      Files.writeString(rendered.resolve("rendered-" + q.name()), q.render(values));
    }
    Path extra = Files.createDirectory(dir.resolve("extra"));
    Files.writeString(extra.resolve("no-scope.kql"), "// A query with no scope.\nprint 1\n");
    // Two node processes at once: loading the language service takes seconds.
    CompletableFuture<Check> queries = start(root.resolve("queries"));
    CompletableFuture<Check> others =
        start(root.resolve("loganalytics/src/test/resources/kql-broken"), extra, rendered);
    queriesCheck = queries.get(180, TimeUnit.SECONDS);
    othersCheck = others.get(180, TimeUnit.SECONDS);
  }

  private static CompletableFuture<Check> start(Path... paths) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return check(paths);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /** The folder holding tools/package.json, walking up from the module's folder. */
  static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("tools/package.json"))) {
        return p;
      }
    }
    throw new AssertionError("no tools/package.json above " + dir);
  }

  static Check check(Path... paths) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "tools/kql/check.js"));
    for (Path p : paths) {
      command.add(p.toString());
    }
    Process process;
    try {
      process = new ProcessBuilder(command).directory(root.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run node (Node.js 20 is needed for the KQL check; ./tollgate test needs it too)",
          e);
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the KQL checker did not finish in 120 s");
    }
    String stderr = err.join();
    int code = process.exitValue();
    if (code == 2) {
      throw new AssertionError("the KQL checker could not run: " + stderr);
    }
    JsonNode report;
    try {
      report = JSON.readTree(out);
    } catch (IOException e) {
      throw new AssertionError("the KQL checker printed no JSON: " + out + stderr, e);
    }
    return new Check(code, report, stderr);
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyQueryFileParsesAndTypeChecksWithNoDiagnostics() throws Exception {
    Check check = queriesCheck;

    List<String> files = new ArrayList<>();
    for (JsonNode f : check.report().path("files")) {
      files.add(Path.of(f.path("file").asText()).getFileName().toString());
      assertThat(f.path("diagnostics")).as("diagnostics of %s", f.path("file").asText()).isEmpty();
    }
    assertThat(check.exitCode()).as(check.report().toPrettyString()).isZero();
    try (var listing = Files.list(root.resolve("queries"))) {
      assertThat(files)
          .containsExactlyInAnyOrderElementsOf(
              listing
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(".kql"))
                  .toList());
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void theCheckerFailsBrokenQueriesAndSaysWhereAndWhy() {
    Check check = othersCheck;

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.report().path("errors").asInt()).isGreaterThanOrEqualTo(6);
    JsonNode unknown = check.file("unknown-column.kql").path("diagnostics").get(0);
    assertThat(unknown.path("code").asText()).isEqualTo("KS142");
    assertThat(unknown.path("message").asText()).contains("PromptTokenz");
    assertThat(unknown.path("line").asInt()).isEqualTo(7);
    assertThat(check.file("syntax-error.kql").path("diagnostics"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.path("severity").asText()).isEqualTo("Error"));
    assertThat(check.codes("syntax-error.kql")).contains("KS005");
    assertThat(check.codes("wrong-scope.kql")).contains("KS204");
    assertThat(check.codes("no-dedupe.kql")).containsExactly("TG002");
    assertThat(check.codes("no-scope.kql")).containsExactly("TG001");
  }

  @Test
  void renderedQueriesAreValidKqlToo() {
    int rendered = 0;
    for (JsonNode f : othersCheck.report().path("files")) {
      if (Path.of(f.path("file").asText()).getFileName().toString().startsWith("rendered-")) {
        rendered++;
        assertThat(f.path("diagnostics"))
            .as("diagnostics of %s", f.path("file").asText())
            .isEmpty();
      }
    }
    assertThat(rendered).isEqualTo(QueryCatalog.classpath().names().size());
  }
}
