package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.output.RequestFields;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  @TempDir Path tmp;

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
    CliRun result = CliRun.run("replay", "--out", outDir.toString(), samples().toString());

    assertThat(result.code()).as(result.err()).isZero();
    List<JsonNode> requests = lines(outDir.resolve("requests.jsonl"));
    // 27 gateway records and 11 resource-log records (samples/aoai-resource-logs.jsonl)
    assertThat(requests).hasSize(27 + 11);
    for (JsonNode r : requests) {
      assertThat(r.fieldNames()).toIterable().containsAll(RequestFields.FIXED_KEYS);
    }
    assertThat(lines(outDir.resolve("deadletter.jsonl")))
        .singleElement()
        .satisfies(d -> assertThat(d.get("reason").asText()).isEqualTo("invalid_json"));
    assertThat(lines(outDir.resolve("aggregates.jsonl"))).isNotEmpty();
    assertThat(result.out())
        .contains("DEPLOYMENT", "gpt-4o-mini", "TOTAL", "Dead letters 1 (invalid_json 1)")
        .contains("Models missing from the price catalog: phi-4")
        .contains(
            "Azure OpenAI resource-log records 11 (10 calls as the account logged them: counted"
                + " apart, never added to the rows above)");
    // the table's rows are the gateway's calls only: its total is the LLM request count
    long llm = requests.stream().filter(r -> isGatewayLlm(r)).count();
    assertThat(result.out()).containsPattern("(?m)^TOTAL\\s+" + llm + "\\s");
  }

  static boolean isGatewayLlm(JsonNode r) {
    return r.get("tollgate.llm").asBoolean()
        && !r.get("tollgate.item_id").asText().startsWith("aoai:");
  }

  /** A minimal GatewayLogs record of a gpt-4o chat call that reported the given usage. */
  static String record(String id, String usage) {
    String body =
        "{\\\"model\\\":\\\"gpt-4o-2024-11-20\\\",\\\"usage\\\":"
            + usage.replace("\"", "\\\"")
            + "}";
    return "{\"time\":\"2025-07-01T12:00:01Z\",\"category\":\"GatewayLogs\",\"correlationId\":\""
        + id
        + "\",\"durationMs\":900,\"properties\":{\"backendUrl\":\"https://a.openai.azure.com"
        + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21\","
        + "\"responseCode\":200,\"responseBody\":\""
        + body
        + "\"}}";
  }

  @Test
  void implausibleUsageIsShownInTheSummaryAndLeftOutOfItsTotals() throws Exception {
    Path input =
        Files.writeString(
            tmp.resolve("implausible.jsonl"),
            record("ok", "{\"prompt_tokens\":100,\"completion_tokens\":10}")
                + "\n"
                + record("huge", "{\"prompt_tokens\":9007199254740993,\"completion_tokens\":10}")
                + "\n");
    Path outDir = tmp.resolve("implausible");
    CliRun result = CliRun.run("replay", "--out", outDir.toString(), input.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Implausible usage 1 (not priced, tokens left out")
        // the TOTAL row: 2 requests, 100 input and 10 output tokens, 350 micro-dollars
        .containsPattern("TOTAL\\s+2\\s+0\\s+100\\s+10\\s+0\\.000350");
  }

  @Test
  void masksCallerAddressesWhenAsked() throws Exception {
    Path outDir = tmp.resolve("masked");
    assertThat(
            CliRun.run("replay", "--mask-ip", "--out", outDir.toString(), samples().toString())
                .code())
        .isZero();
    assertThat(lines(outDir.resolve("requests.jsonl")))
        .extracting(r -> r.get("client.address").asText())
        // Azure masks resource logs' addresses itself (last octet "***"): kept as given
        .allSatisfy(ip -> assertThat(ip).matches(".*\\.(0|\\*\\*\\*)"));
  }

  @Test
  void aMissingInputIsAClearErrorWithExitCode2() {
    CliRun result = CliRun.run("replay", "--out", tmp.toString(), tmp.resolve("nope").toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("no such file or folder").contains("nope");
  }

  @Test
  void anUnreadableCatalogIsAClearErrorWithExitCode2() throws Exception {
    Path bad = Files.writeString(tmp.resolve("prices.json"), "{\"entries\": 3}");
    CliRun result =
        CliRun.run(
            "replay", "--catalog", bad.toString(), "--out", tmp.toString(), samples().toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("prices.json").contains("entries");
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
            CliRun.run(
                    "replay",
                    "--catalog",
                    cat.toString(),
                    "--out",
                    outDir.toString(),
                    samples().toString())
                .code())
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
    CliRun result =
        CliRun.run("demo", "--samples", samples().toString(), "--out", outDir.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(lines(outDir.resolve("requests.jsonl"))).hasSize(27 + 11);
    try (var files = Files.walk(outDir.resolve("report"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith("-cost-report.html"))
          .anyMatch(n -> n.endsWith("-by-team.csv"));
    }
    assertThat(result.out()).contains("TOTAL").contains("Cost report");
  }
}
