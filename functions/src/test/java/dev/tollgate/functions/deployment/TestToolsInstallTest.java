package dev.tollgate.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code mvn verify} installs the npm-pinned test tools itself: every module whose tests
 * need them runs {@code tools/install.js} before its tests, which runs {@code npm ci} only when
 * tools/node_modules does not hold what package-lock.json pins; {@code ./tollgate test} adds
 * nothing of its own but Chromium, and CI runs exactly it.
 */
class TestToolsInstallTest {
  private static final Path ROOT = Repo.root();
  private static final String PLUGIN = "<artifactId>exec-maven-plugin</artifactId>";

  /** Module name to whether its tests start Azurite or the KQL checker. */
  private static Map<String, Boolean> modulesNeedingTools() throws IOException {
    Map<String, Boolean> out = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path m : modules.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).toList()) {
        Path tests = m.resolve("src/test/java");
        boolean needs = false;
        if (Files.isDirectory(tests)) {
          for (Path f : Repo.files(tests, ".java")) {
            String text = Repo.read(f);
            needs |=
                text.contains("tools/node_modules")
                    || text.contains("KqlChecker.check(")
                    || text.contains("Azurite.start(")
                    || text.contains("@ExtendWith(AzuriteExtension.class)");
          }
        }
        if (!m.equals(ROOT)) {
          out.put(m.getFileName().toString(), needs);
        }
      }
    }
    return out;
  }

  /** Modules whose tests need the tools but whose build does not install them. */
  static List<String> missingInstall(Map<String, Boolean> needs, Map<String, String> poms) {
    List<String> problems = new ArrayList<>();
    needs.forEach(
        (module, need) -> {
          if (need && !poms.get(module).contains(PLUGIN)) {
            problems.add(
                module + "'s tests need tools/node_modules but its pom does not install it");
          }
        });
    return problems;
  }

  @Test
  void everyModuleWhoseTestsNeedTheToolsInstallsThemBeforeItsTests() throws IOException {
    Map<String, Boolean> needs = modulesNeedingTools();
    assertThat(needs)
        .containsEntry("azure", true)
        .containsEntry("loganalytics", true)
        .containsEntry("monitor", true)
        .containsEntry("functions", true)
        .containsEntry("core", false);
    Map<String, String> poms = new TreeMap<>();
    needs.keySet().forEach(m -> poms.put(m, Repo.read(m + "/pom.xml")));
    assertThat(missingInstall(needs, poms)).isEmpty();

    poms.put("monitor", poms.get("monitor").replace(PLUGIN, "<artifactId>other</artifactId>"));
    assertThat(missingInstall(needs, poms))
        .containsExactly("monitor's tests need tools/node_modules but its pom does not install it");

    // The one execution, in the parent: before the tests, in tools/, skipped with the tests.
    String parent = Repo.read("pom.xml");
    String exec = parent.substring(parent.indexOf(PLUGIN));
    exec = exec.substring(0, exec.indexOf("</plugin>"));
    assertThat(exec)
        .contains("<phase>generate-test-resources</phase>")
        .contains("<executable>node</executable>")
        .contains("<workingDirectory>${project.basedir}/../tools</workingDirectory>")
        .contains("<argument>install.js</argument>")
        .contains("<skip>${skipTests}</skip>");
  }

  @Test
  void theLauncherAndCiRunTheSameMavenBuild() {
    String launcher = Repo.read("tollgate");
    String test = launcher.substring(launcher.indexOf("  test)"), launcher.indexOf(";;"));
    assertThat(test).contains("exec mvn -B -f \"$ROOT/pom.xml\" verify \"$@\"");
    assertThat(launcher).doesNotContain("npm ci").doesNotContain("npm install");
    List<String> ci =
        Repo.read(".ci/run").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(ci.get(ci.size() - 1)).isEqualTo("./tollgate test");
  }

  // ---------------------------------------------------------------------------------------------
  // tools/install.js: up to date by content, never through a link
  // ---------------------------------------------------------------------------------------------

  private static final String LOCK =
      "{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"t\"},"
          + "\"node_modules/a\":{\"version\":\"1.0.0\"},"
          + "\"node_modules/far\":{\"version\":\"2.0.0\",\"optional\":true}}}";

  private static Path tools(Path dir, String installedVersion) throws IOException {
    Path tools = Files.createDirectories(dir.resolve("tools"));
    Files.copy(ROOT.resolve("tools/install.js"), tools.resolve("install.js"));
    Files.writeString(tools.resolve("package-lock.json"), LOCK);
    Path a = Files.createDirectories(tools.resolve("node_modules/a"));
    Files.writeString(a.resolve("package.json"), "{\"version\":\"" + installedVersion + "\"}");
    Files.writeString(
        tools.resolve("node_modules/.package-lock.json"),
        "{\"packages\":{\"node_modules/a\":{\"version\":\"" + installedVersion + "\"}}}");
    return tools;
  }

  /** Exit code and output of {@code node install.js ARGS} in that folder (npm never reached). */
  private static String[] run(Path tools, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "install.js"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tools.toFile());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String[] {String.valueOf(p.exitValue()), out};
  }

  @Test
  void installJsSkipsWhatMatchesTheLockAndNamesWhatDoesNot(@TempDir Path dir) throws Exception {
    Path current = tools(dir.resolve("current"), "1.0.0");
    // Matches the lock (an optional package for another platform absent): nothing to do.
    assertThat(run(current, "--check")).containsExactly("0", "");
    assertThat(run(current)).containsExactly("0", "");

    Path stale = tools(dir.resolve("stale"), "0.9.0");
    assertThat(run(stale, "--check")[0]).isEqualTo("1");
    assertThat(run(stale, "--check")[1])
        .contains("node_modules/a is 0.9.0, package-lock.json pins 1.0.0");

    Path gone = tools(dir.resolve("gone"), "1.0.0");
    Files.delete(gone.resolve("node_modules/a/package.json"));
    assertThat(run(gone, "--check")[1]).contains("its files are gone");

    Path fresh = tools(dir.resolve("fresh"), "1.0.0");
    Files.delete(fresh.resolve("node_modules/.package-lock.json"));
    assertThat(run(fresh, "--check")[1]).contains("missing or was not installed by npm");
  }

  @Test
  void installJsNeverEmptiesALinkedNodeModules(@TempDir Path dir) throws Exception {
    Path elsewhere = tools(dir.resolve("elsewhere"), "0.9.0");
    Path linked = Files.createDirectories(dir.resolve("linked/tools"));
    Files.copy(ROOT.resolve("tools/install.js"), linked.resolve("install.js"));
    Files.writeString(linked.resolve("package-lock.json"), LOCK);
    Files.createSymbolicLink(linked.resolve("node_modules"), elsewhere.resolve("node_modules"));

    String[] result = run(linked);
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1]).contains("is a link to", "remove the link");
    assertThat(elsewhere.resolve("node_modules/a/package.json")).exists();
  }
}
