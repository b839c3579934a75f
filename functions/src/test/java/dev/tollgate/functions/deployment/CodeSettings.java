package dev.tollgate.functions.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The app settings the code reads, discovered rather than listed, so that a setting someone adds is
 * found without touching this test:
 *
 * <ul>
 *   <li>the {@code public static final String} constants of every class named {@code *Settings} in
 *       {@code <module>/src/main/java} (TollgateSettings, AppSettings, AppInsightsSettings,
 *       OtlpSettings, LogAnalyticsSettings, CostReportSettings, and any added later), evaluated
 *       from the source ({@code "A" + OTHER_CONSTANT} included);
 *   <li>names read directly as string literals in main sources: {@code System.getenv("X")}, {@code
 *       env.get("X")}, {@code env.getOrDefault("X", ...)};
 *   <li>the {@code %NAME%} expressions and {@code connection} properties of the generated {@code
 *       function.json} files (after {@code mvn package}).
 * </ul>
 *
 * <p>A connection name (the {@code connection} of a binding, {@code AzureWebJobsStorage}, or a
 * constant other constants extend with {@code __}) is a prefix: it is set by the name itself (a
 * connection string) or by {@code NAME__property} settings (identity-based).
 */
final class CodeSettings {
  private static final Pattern CONSTANT =
      Pattern.compile("public\\s+static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*([^;]+);");
  private static final Pattern LITERAL_READ =
      Pattern.compile(
          "(?:System\\.getenv|\\b(?:env|environment|settings)\\.(?:get|getOrDefault|containsKey))"
              + "\\(\\s*\"([^\"]+)\"");
  private static final Pattern BINDING_EXPRESSION = Pattern.compile("%([^%\\s]+)%");
  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The host's storage connection: always a prefix ({@code AzureWebJobsStorage__accountName}). */
  static final String HOST_STORAGE = "AzureWebJobsStorage";

  private CodeSettings() {}

  /** Setting name to where it was found, from the {@code *Settings} classes of {@code sources}. */
  static Map<String, String> fromSettingsClasses(List<Path> sources) {
    Map<String, Map<String, String>> raw = new LinkedHashMap<>();
    for (Path file : sources) {
      String name = file.getFileName().toString();
      if (!name.endsWith("Settings.java")) {
        continue;
      }
      String cls = name.substring(0, name.length() - ".java".length());
      Map<String, String> constants = new LinkedHashMap<>();
      Matcher m = CONSTANT.matcher(Repo.read(file));
      while (m.find()) {
        constants.put(m.group(1), m.group(2).strip());
      }
      raw.put(cls, constants);
    }
    Map<String, Map<String, String>> values = evaluate(raw);
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (cls, constants) ->
            constants.forEach(
                (field, value) -> {
                  if (SETTING_NAME.matcher(value).matches()) {
                    out.putIfAbsent(value, cls + "." + field);
                  }
                }));
    return out;
  }

  /** Setting name to where it was found, from literal reads in {@code sources}. */
  static Map<String, String> fromLiteralReads(List<Path> sources) {
    Map<String, String> out = new TreeMap<>();
    for (Path file : sources) {
      Matcher m = LITERAL_READ.matcher(Repo.read(file));
      while (m.find()) {
        out.putIfAbsent(m.group(1), file.getFileName().toString());
      }
    }
    return out;
  }

  /** The {@code %NAME%} settings of every function.json one folder below {@code appDir}. */
  static Map<String, String> fromFunctionJson(Path appDir) {
    Map<String, String> out = new TreeMap<>();
    for (Path file : functionJsonFiles(appDir)) {
      String function = file.getParent().getFileName().toString();
      strings(readJson(file))
          .forEach(
              s -> {
                Matcher m = BINDING_EXPRESSION.matcher(s);
                while (m.find()) {
                  out.putIfAbsent(m.group(1), function + "/function.json");
                }
              });
    }
    return out;
  }

  /**
   * The {@code connection} names of the bindings of every function.json one folder below {@code
   * appDir}.
   */
  static Map<String, String> connectionsFromFunctionJson(Path appDir) {
    Map<String, String> out = new TreeMap<>();
    for (Path file : functionJsonFiles(appDir)) {
      String function = file.getParent().getFileName().toString();
      for (JsonNode binding : readJson(file).path("bindings")) {
        String connection = binding.path("connection").asText("");
        if (!connection.isBlank()) {
          out.putIfAbsent(connection, function + "/function.json (connection)");
        }
      }
    }
    return out;
  }

  static List<Path> functionJsonFiles(Path appDir) {
    try (Stream<Path> dirs = Files.list(appDir)) {
      return dirs.map(d -> d.resolve("function.json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Connection prefixes among {@code names}: {@link #HOST_STORAGE}, and every name that another
   * name extends with {@code __} (EventHubConnection, from
   * EventHubConnection__fullyQualifiedNamespace).
   */
  static Set<String> connectionPrefixes(Set<String> names) {
    Set<String> out = new LinkedHashSet<>();
    out.add(HOST_STORAGE);
    for (String a : names) {
      for (String b : names) {
        if (b.startsWith(a + "__")) {
          out.add(a);
        }
      }
    }
    return out;
  }

  private static JsonNode readJson(Path file) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(child -> out.addAll(strings(child)));
    }
    return out;
  }

  /**
   * The constants' values: string literals joined with {@code +}, and references to constants of
   * the same class ({@code NAME}) or of another settings class ({@code Class.NAME}).
   */
  static Map<String, Map<String, String>> evaluate(Map<String, Map<String, String>> raw) {
    Map<String, Map<String, String>> done = new LinkedHashMap<>();
    raw.keySet().forEach(c -> done.put(c, new LinkedHashMap<>()));
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var cls : raw.entrySet()) {
        for (var constant : cls.getValue().entrySet()) {
          if (done.get(cls.getKey()).containsKey(constant.getKey())) {
            continue;
          }
          String value;
          try {
            value = concat(cls.getKey(), constant.getValue(), done);
          } catch (IllegalStateException e) {
            throw new IllegalStateException(
                "cannot evaluate " + cls.getKey() + "." + constant.getKey() + ": " + e.getMessage(),
                e);
          }
          if (value != null) {
            done.get(cls.getKey()).put(constant.getKey(), value);
            progress = true;
          }
        }
      }
    }
    for (var cls : raw.entrySet()) {
      for (String field : cls.getValue().keySet()) {
        if (!done.get(cls.getKey()).containsKey(field)) {
          throw new IllegalStateException(
              "cannot evaluate "
                  + cls.getKey()
                  + "."
                  + field
                  + " = "
                  + cls.getValue().get(field)
                  + " (only string literals and constants joined with + are understood)");
        }
      }
    }
    return done;
  }

  private static String concat(String cls, String expr, Map<String, Map<String, String>> done) {
    StringBuilder out = new StringBuilder();
    for (String term : splitPlus(expr)) {
      String t = term.strip();
      if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
        out.append(unescapeJava(t.substring(1, t.length() - 1)));
      } else if (t.matches("\\w+")) {
        String v = done.get(cls).get(t);
        if (v == null) {
          return null;
        }
        out.append(v);
      } else if (t.matches("\\w+\\.\\w+")) {
        String[] parts = t.split("\\.");
        Map<String, String> other = done.get(parts[0]);
        if (other == null) {
          throw new IllegalStateException(
              cls + ": " + t + " refers to a class that is not a *Settings class");
        }
        String v = other.get(parts[1]);
        if (v == null) {
          return null;
        }
        out.append(v);
      } else {
        throw new IllegalStateException(cls + ": cannot evaluate '" + t + "' in " + expr);
      }
    }
    return out.toString();
  }

  private static List<String> splitPlus(String expr) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (inString && c == '\\') {
        cur.append(c).append(expr.charAt(++i));
        continue;
      }
      if (c == '"') {
        inString = !inString;
      }
      if (c == '+' && !inString) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String unescapeJava(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
