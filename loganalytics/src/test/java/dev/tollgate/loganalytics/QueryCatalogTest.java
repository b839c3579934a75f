package dev.tollgate.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog reads the packaged top-level queries/ folder, and every file keeps the rules. */
class QueryCatalogTest {
  private final QueryCatalog catalog = QueryCatalog.classpath();

  @Test
  void holdsEveryFileOfTheTopLevelQueriesFolder() throws IOException {
    Path queries = QueriesKqlCheckTest.repositoryRoot().resolve("queries");
    try (var listing = Files.list(queries)) {
      List<String> onDisk =
          listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".kql")).toList();
      assertThat(catalog.names()).containsExactlyInAnyOrderElementsOf(onDisk);
    }
    for (String name : catalog.names()) {
      // The packaged text is the file itself, not a copy that could drift.
      assertThat(catalog.get(name).text()).isEqualTo(Files.readString(queries.resolve(name)));
    }
  }

  @Test
  void everyQueryHasATitleScopeTimespanAndDefaultsForEveryParameter() {
    for (KqlQuery q : catalog.all()) {
      assertThat(q.title()).as(q.name()).isNotBlank().endsWith(".");
      assertThat(q.header()).as(q.name()).containsKeys("answers", "scope", "reads", "dedupe");
      assertThat(q.timespan()).as(q.name()).isPresent();
      assertThat(q.timespan().orElseThrow()).as(q.name()).isLessThanOrEqualTo(Duration.ofDays(32));
      assertThat(q.parameters()).as(q.name()).isNotEmpty();
      assertThat(q.parameters())
          .as(q.name())
          .allSatisfy(p -> assertThat(p.defaultLiteral()).as(p.name()).isNotNull());
      for (KqlQuery.Parameter p : q.parameters()) {
        assertThat(q.text())
            .as("%s documents parameter %s in its header", q.name(), p.name())
            .containsPattern("(?m)^//\\s+" + p.name() + "[ ,(]");
      }
      assertThat(q.render()).as(q.name()).doesNotContain("declare query_parameters");
    }
  }

  @Test
  void pollableQueriesRunOnTheWorkspaceAndTakeTheWindow() {
    List<KqlQuery> pollable = catalog.all().stream().filter(KqlQuery::pollable).toList();
    assertThat(pollable)
        .extracting(KqlQuery::name)
        .contains("llm-log-usage.kql", "apim-throttling-by-subscription.kql");
    for (KqlQuery q : pollable) {
      assertThat(q.scope()).as(q.name()).isEqualTo(KqlQuery.Scope.WORKSPACE);
      assertThat(q.parameter("start_time")).as(q.name()).isPresent();
      assertThat(q.parameter("end_time")).as(q.name()).isPresent();
      assertThat(q.text()).as(q.name()).contains("by timestamp = bin(");
    }
    assertThat(LogAnalyticsSettings.DEFAULT_QUERIES)
        .allSatisfy(n -> assertThat(catalog.get(n).pollable()).isTrue());
  }

  @Test
  void unknownNamesListWhatExists() {
    assertThatThrownBy(() -> catalog.get("nope"))
        .hasMessageContaining("no query 'nope.kql'")
        .hasMessageContaining("llm-log-usage.kql");
    assertThatThrownBy(() -> catalog.get("../pom.xml")).hasMessageContaining("plain file names");
    assertThat(catalog.get("llm-log-usage").name()).isEqualTo("llm-log-usage.kql");
  }

  @Test
  void readsQueriesPackagedInAJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("queries.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("queries/"));
      out.closeEntry();
      write(out, "queries/one.kql", "// One.\n// scope: workspace\nprint 1\n");
      write(out, "queries/schemas/tables.json", "{}");
      write(out, "other/two.kql", "// Two.\n// scope: workspace\nprint 2\n");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      QueryCatalog inJar = QueryCatalog.classpath(loader);

      assertThat(inJar.names()).containsExactly("one.kql");
      assertThat(inJar.get("one").title()).isEqualTo("One.");
    }
  }

  private static void write(OutputStream jar, String name, String text) throws IOException {
    JarOutputStream out = (JarOutputStream) jar;
    out.putNextEntry(new JarEntry(name));
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
