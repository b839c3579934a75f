package dev.tollgate.functions.deployment;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's KQL checker ({@code tools/kql/check.js}: Microsoft's Kusto language service
 * against the declared table schemas, plus Tollgate's scope and de-duplication rules) on files.
 */
final class KqlChecker {
  private KqlChecker() {}

  /** File name to its diagnostics as "line:column code message" (empty when clean). */
  static Map<String, List<String>> check(Path... paths) throws IOException, InterruptedException {
    Path root = Repo.root();
    if (!Files.isRegularFile(
        root.resolve("tools/node_modules/@kusto/language-service-next/package.json"))) {
      fail(
          "The KQL checker needs Microsoft's Kusto language service in tools/node_modules: run"
              + " mvn verify or ./tollgate test (the build runs npm ci in tools/ first), or: node tools/install.js");
    }
    List<String> command = new ArrayList<>(List.of("node", "tools/kql/check.js"));
    for (Path p : paths) {
      command.add(p.toString());
    }
    Process process;
    try {
      process = new ProcessBuilder(command).directory(root.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run node (Node.js is needed for the KQL check)", e);
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the KQL checker did not finish in 180 s");
    }
    if (process.exitValue() == 2) {
      throw new AssertionError("the KQL checker could not run: " + err.join());
    }
    JsonNode report = Json.MAPPER.readTree(out);
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (JsonNode f : report.path("files")) {
      List<String> diagnostics = new ArrayList<>();
      for (JsonNode d : f.path("diagnostics")) {
        diagnostics.add(
            d.path("line").asText()
                + ":"
                + d.path("column").asText()
                + " "
                + d.path("code").asText()
                + " "
                + d.path("message").asText());
      }
      result.put(Path.of(f.path("file").asText()).getFileName().toString(), diagnostics);
    }
    return result;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
