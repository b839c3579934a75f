package dev.tollgate.functions.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings the code reads against settings a configuration sets (the Bicep app settings, {@code
 * local.settings.sample.json}): each read setting is set, and each set setting is read.
 */
final class SettingsCheck {
  /**
   * Settings the platform owns: never required of a configuration (the platform sets them, or, for
   * Flex Consumption, rejects them as app settings), allowed where a plan needs them. Documented in
   * bicep/README.md.
   *
   * <ul>
   *   <li>{@code FUNCTIONS_WORKER_RUNTIME}, {@code FUNCTIONS_EXTENSION_VERSION}: the host's own
   *       (Premium and local runs; Flex Consumption takes them from functionAppConfig);
   *   <li>{@code WEBSITE_INSTANCE_ID}: set by App Service on each instance (read by the Application
   *       Insights delivery);
   *   <li>{@code WEBSITE_RUN_FROM_PACKAGE}: the Premium plan's package URL.
   * </ul>
   *
   * <p>Identity-based variants of a connection ({@code AzureWebJobsStorage__accountName}, {@code
   * EventHubConnection__credential}) are allowed through the connection prefixes.
   */
  static final Set<String> PLATFORM_OWNED =
      Set.of(
          "FUNCTIONS_WORKER_RUNTIME",
          "FUNCTIONS_EXTENSION_VERSION",
          "WEBSITE_INSTANCE_ID",
          "WEBSITE_RUN_FROM_PACKAGE");

  private SettingsCheck() {}

  /** Read settings (name to where the code reads it) that {@code configured} does not set. */
  static List<String> missing(
      String where, Map<String, String> read, Set<String> prefixes, Set<String> configured) {
    List<String> problems = new ArrayList<>();
    for (var e : read.entrySet()) {
      String name = e.getKey();
      if (PLATFORM_OWNED.contains(name) || configured.contains(name)) {
        continue;
      }
      if (prefixes.contains(name) && configured.stream().anyMatch(c -> c.startsWith(name + "__"))) {
        continue;
      }
      problems.add(
          where
              + " does not set "
              + name
              + " (read by "
              + e.getValue()
              + (prefixes.contains(name) ? "; a connection: " + name + " or " + name + "__*" : "")
              + ")");
    }
    return problems;
  }

  /** Settings {@code configured} sets that no code reads. */
  static List<String> unused(
      String where, Set<String> configured, Set<String> read, Set<String> prefixes) {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(configured)) {
      if (read.contains(name) || PLATFORM_OWNED.contains(name)) {
        continue;
      }
      if (prefixes.stream().anyMatch(p -> name.startsWith(p + "__"))) {
        continue;
      }
      problems.add(where + " sets " + name + ", which no code reads");
    }
    return problems;
  }

  /**
   * The names of the app settings the Bicep sets: keys of every {@code var appSettings*} object.
   */
  static Set<String> bicepAppSettings(List<Path> bicepFiles) {
    Set<String> out = new TreeSet<>();
    for (Path file : bicepFiles) {
      BicepText bicep = new BicepText(Repo.read(file));
      for (String var : bicep.varNames("appSettings\\w*")) {
        out.addAll(bicep.varObject(var).keySet());
      }
    }
    return out;
  }

  /** The keys of {@code Values} in a local.settings.json text. */
  static Set<String> sampleSettings(String json) {
    try {
      JsonNode values = Json.MAPPER.readTree(json).path("Values");
      Set<String> out = new TreeSet<>();
      for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
        out.add(it.next());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
