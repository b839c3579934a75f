package dev.tollgate.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code mvn package}: the settings the generated {@code function.json} files read ({@code
 * %NAME%} expressions, binding connections) are set in the Bicep app settings and in {@code
 * local.settings.sample.json}; and, with every way the code reads settings now known, neither sets
 * a setting nothing reads (platform-owned settings aside, {@link SettingsCheck#PLATFORM_OWNED}).
 */
class DeploymentSettingsIT {
  private static final Path APP = Path.of("target/azure-functions/tollgate");

  private record Read(Map<String, String> settings, Set<String> prefixes) {}

  private static Read everythingTheCodeReads() {
    List<Path> sources = Repo.mainJavaSources();
    Map<String, String> read = new TreeMap<>(CodeSettings.fromSettingsClasses(sources));
    CodeSettings.fromLiteralReads(sources).forEach(read::putIfAbsent);
    CodeSettings.fromFunctionJson(APP).forEach(read::putIfAbsent);
    Map<String, String> connections = CodeSettings.connectionsFromFunctionJson(APP);
    connections.forEach(read::putIfAbsent);
    Set<String> prefixes = new LinkedHashSet<>(CodeSettings.connectionPrefixes(read.keySet()));
    prefixes.addAll(connections.keySet());
    return new Read(read, prefixes);
  }

  @Test
  void everySettingTheFunctionJsonFilesReadIsSetInTheBicepAndInTheSample() {
    assertThat(CodeSettings.functionJsonFiles(APP)).isNotEmpty();
    Map<String, String> fromFunctions = new TreeMap<>(CodeSettings.fromFunctionJson(APP));
    Map<String, String> connections = CodeSettings.connectionsFromFunctionJson(APP);
    fromFunctions.putAll(connections);
    assertThat(fromFunctions).containsKeys("TOLLGATE_EVENTHUB_NAME", "EventHubConnection");
    Set<String> prefixes = everythingTheCodeReads().prefixes();

    assertThat(
            SettingsCheck.missing(
                "bicep/ (app settings)",
                fromFunctions,
                prefixes,
                SettingsCheck.bicepAppSettings(Repo.bicepFiles())))
        .isEmpty();
    assertThat(
            SettingsCheck.missing(
                "local.settings.sample.json",
                fromFunctions,
                prefixes,
                SettingsCheck.sampleSettings(Repo.read("local.settings.sample.json"))))
        .isEmpty();
  }

  @Test
  void neitherTheBicepNorTheSampleSetsASettingNothingReads() {
    Read read = everythingTheCodeReads();

    assertThat(
            SettingsCheck.unused(
                "bicep/ (app settings)",
                SettingsCheck.bicepAppSettings(Repo.bicepFiles()),
                read.settings().keySet(),
                read.prefixes()))
        .isEmpty();
    assertThat(
            SettingsCheck.unused(
                "local.settings.sample.json",
                SettingsCheck.sampleSettings(Repo.read("local.settings.sample.json")),
                read.settings().keySet(),
                read.prefixes()))
        .isEmpty();
  }

  @Test
  void bindingExpressionsAndConnectionsAreFoundAnywhereInAFunctionJson(@TempDir Path dir)
      throws Exception {
    Path function = Files.createDirectories(dir.resolve("Nightly"));
    Files.writeString(
        function.resolve("function.json"),
        """
        {"bindings": [
          {"type": "timerTrigger", "name": "t", "schedule": "%MY_SCHEDULE%"},
          {"type": "blob", "name": "b", "path": "%MY_CONTAINER%/{name}-%MY_SUFFIX%",
           "connection": "MyStorage"}
        ]}
        """);

    assertThat(CodeSettings.fromFunctionJson(dir).keySet())
        .containsExactly("MY_CONTAINER", "MY_SCHEDULE", "MY_SUFFIX");
    assertThat(CodeSettings.connectionsFromFunctionJson(dir)).containsOnlyKeys("MyStorage");
    // A schedule no configuration sets is reported; a connection is satisfied by MyStorage__*.
    assertThat(
            SettingsCheck.missing(
                "bicep",
                Map.of(
                    "MY_SCHEDULE", "Nightly/function.json", "MyStorage", "Nightly/function.json"),
                Set.of("MyStorage"),
                Set.of("MyStorage__blobServiceUri")))
        .singleElement()
        .asString()
        .contains("MY_SCHEDULE", "Nightly/function.json");
  }
}
