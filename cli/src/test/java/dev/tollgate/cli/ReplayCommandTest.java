package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.output.RequestFields;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new TollgateCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, c, p) -> {
          if (e instanceof InputException) {
            c.getErr().println("tollgate: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cl.execute(args);
  }

  static Path samples() throws URISyntaxException {
    return Path.of(ReplayCommandTest.class.getResource("/samples/gateway-logs.jsonl").toURI())
        .getParent();
  }

  static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        nodes.add(Json.MAPPER.readTree(l));
      }
    }
    return nodes;
  }

  @Test
  void replaysTheSamplesIntoThreeFilesAndPrintsACostedSummary() throws Exception {
    Path outDir = tmp.resolve("out");
    int code = run("replay", "--out", outDir.toString(), samples().toString());

    assertThat(code).as(err.toString()).isZero();
    List<JsonNode> requests = lines(outDir.resolve("requests.jsonl"));
    assertThat(requests).hasSize(27);
    for (JsonNode r : requests) {
      assertThat(r.fieldNames()).toIterable().containsAll(RequestFields.FIXED_KEYS);
    }
    assertThat(lines(outDir.resolve("deadletter.jsonl")))
        .singleElement()
        .satisfies(d -> assertThat(d.get("reason").asText()).isEqualTo("invalid_json"));
    assertThat(lines(outDir.resolve("aggregates.jsonl"))).isNotEmpty();
    assertThat(out.toString())
        .contains("DEPLOYMENT", "gpt-4o-mini", "TOTAL", "Dead letters 1 (invalid_json 1)")
        .contains("Models missing from the price catalog: phi-4");
  }

  @Test
  void masksCallerAddressesWhenAsked() throws Exception {
    Path outDir = tmp.resolve("masked");
    assertThat(run("replay", "--mask-ip", "--out", outDir.toString(), samples().toString()))
        .isZero();
    assertThat(lines(outDir.resolve("requests.jsonl")))
        .extracting(r -> r.get("client.address").asText())
        .allSatisfy(ip -> assertThat(ip).endsWith(".0"));
  }

  @Test
  void aMissingInputIsAClearErrorWithExitCode2() {
    int code = run("replay", "--out", tmp.toString(), tmp.resolve("nope").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no such file or folder").contains("nope");
  }

  @Test
  void anUnreadableCatalogIsAClearErrorWithExitCode2() throws Exception {
    Path bad = Files.writeString(tmp.resolve("prices.json"), "{\"entries\": 3}");
    int code =
        run("replay", "--catalog", bad.toString(), "--out", tmp.toString(), samples().toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("prices.json").contains("entries");
  }

  @Test
  void aCatalogOverridePricesWithNegotiatedRates() throws Exception {
    Path cat =
        Files.writeString(
            tmp.resolve("discount.json"),
            """
            {"catalogVersion": "contoso-2026", "entries": [
              {"model": "phi-4", "deploymentType": "global", "effectiveFrom": "2025-01-01",
               "input": "0.125", "output": "0.5"}]}
            """);
    Path outDir = tmp.resolve("o");
    assertThat(
            run(
                "replay",
                "--catalog",
                cat.toString(),
                "--out",
                outDir.toString(),
                samples().toString()))
        .isZero();
    JsonNode phi =
        lines(outDir.resolve("requests.jsonl")).stream()
            .filter(r -> "phi-4".equals(r.path("azure.openai.deployment").asText()))
            .findFirst()
            .orElseThrow();
    // 9 input and 3 output tokens at 0.125 and 0.5 USD per 1M.
    assertThat(phi.get("tollgate.cost.usd").decimalValue()).isEqualByComparingTo("0.000002625");
    assertThat(phi.get("tollgate.cost.status").asText()).isEqualTo("priced");
  }

  @Test
  void demoReplaysTheSamplesAndWritesTheirCostReport() throws Exception {
    Path outDir = tmp.resolve("demo");
    int code = run("demo", "--samples", samples().toString(), "--out", outDir.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(lines(outDir.resolve("requests.jsonl"))).hasSize(27);
    try (var files = Files.walk(outDir.resolve("report"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith("-cost-report.html"))
          .anyMatch(n -> n.endsWith("-by-team.csv"));
    }
    assertThat(out.toString()).contains("TOTAL").contains("Cost report");
  }
}
