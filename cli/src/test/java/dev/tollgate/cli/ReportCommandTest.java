package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path tmp;

  /**
   * Three LLM requests on 2025-06-10 (costs 0.00725 and 0.0154; the 429 has none), one redelivered,
   * and one on 2025-06-09 (0.0033).
   */
  private static final String REQUESTS =
      """
      {"time":"2025-06-10T08:00:00Z","gen_ai.provider.name":"azure.ai.openai","azure.openai.deployment":"gpt-4o","gen_ai.response.model":"gpt-4o-2024-11-20","gen_ai.usage.input_tokens":1000,"gen_ai.usage.output_tokens":500,"gen_ai.usage.cache_read.input_tokens":200,"tollgate.usage.source":"reported","tollgate.cost.usd":0.00725,"tollgate.cost.status":"priced","apim.subscription_id":"team-a","apim.product_id":"gold","error.type":null,"tollgate.item_id":"req:a1"}
      {"time":"2025-06-10T09:00:00Z","gen_ai.provider.name":"azure.ai.openai","azure.openai.deployment":"o3-mini","gen_ai.response.model":"o3-mini-2025-01-31","gen_ai.usage.input_tokens":2000,"gen_ai.usage.output_tokens":3000,"gen_ai.usage.reasoning.output_tokens":2500,"tollgate.usage.source":"reported","tollgate.cost.usd":0.0154,"tollgate.cost.status":"priced","apim.subscription_id":"team-b","apim.product_id":"silver, \\"beta\\"","error.type":null,"tollgate.item_id":"req:b1"}
      {"time":"2025-06-10T09:00:00Z","gen_ai.provider.name":"azure.ai.openai","azure.openai.deployment":"o3-mini","gen_ai.response.model":"o3-mini-2025-01-31","gen_ai.usage.input_tokens":2000,"gen_ai.usage.output_tokens":3000,"gen_ai.usage.reasoning.output_tokens":2500,"tollgate.usage.source":"reported","tollgate.cost.usd":0.0154,"tollgate.cost.status":"priced","apim.subscription_id":"team-b","apim.product_id":"silver, \\"beta\\"","error.type":null,"tollgate.item_id":"req:b1"}
      {"time":"2025-06-10T10:00:00Z","gen_ai.provider.name":"azure.ai.openai","azure.openai.deployment":"gpt-4o","tollgate.usage.source":"none","tollgate.cost.usd":null,"tollgate.cost.status":"no_usage","apim.subscription_id":"team-a","error.type":"rate_limited","tollgate.item_id":"req:a2"}
      {"time":"2025-06-09T10:00:00Z","gen_ai.provider.name":"azure.ai.openai","azure.openai.deployment":"o3-mini","gen_ai.usage.input_tokens":1000,"gen_ai.usage.output_tokens":500,"tollgate.usage.source":"reported","tollgate.cost.usd":0.0033,"tollgate.cost.status":"priced","apim.subscription_id":"team-b","tollgate.item_id":"req:p1"}
      """;

  private static CliRun run(String... args) {
    ReportCommand report = new ReportCommand();
    report.clock = Clock.fixed(Instant.parse("2025-06-11T06:00:00Z"), ZoneOffset.UTC);
    return CliRun.runWith(report, args);
  }

  /** Runs a command that must fail as an input or usage error (exit code 2); returns its stderr. */
  private static String inputError(String... args) {
    CliRun result = run(args);
    assertThat(result.code()).as(result.err()).isEqualTo(2);
    return result.err();
  }

  private Path replayFolder() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("replay-out"));
    Files.writeString(dir.resolve("requests.jsonl"), REQUESTS, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("aggregates.jsonl"), "{\"not\":\"a request\"}\n");
    return dir;
  }

  @Test
  void writesTheHtmlCsvAndJsonForADailyReport() throws Exception {
    Path budgets = Files.writeString(tmp.resolve("budgets.txt"), "team-a=1\nteam-b=0.01\n");
    Path outDir = tmp.resolve("reports-out");
    CliRun result =
        run(
            "report",
            "--period",
            "daily",
            "--to",
            "2025-06-10",
            "--budgets",
            budgets.toString(),
            "--out",
            outDir.toString(),
            replayFolder().toString());

    assertThat(result.code()).as(result.err()).isZero();
    Path day = outDir.resolve("reports/2025/06/10");
    assertThat(day.resolve("daily-cost-report.html")).isRegularFile();
    assertThat(day.resolve("daily-cost-summary.json")).isRegularFile();
    assertThat(day.resolve("daily-by-team.csv")).isRegularFile();
    assertThat(day.resolve("daily-budgets.csv")).isRegularFile();
    // 0.00725 + 0.0154; the redelivered req:b1 counts once; aggregates.jsonl is not read.
    JsonNode summary = Json.MAPPER.readTree(day.resolve("daily-cost-summary.json").toFile());
    assertThat(summary.at("/totals/cost_usd").decimalValue()).isEqualByComparingTo("0.02265");
    assertThat(summary.at("/totals/requests").asLong()).isEqualTo(3);
    assertThat(summary.at("/input/duplicates").asLong()).isEqualTo(1);
    // team-b spent 0.0033 + 0.0154 = 0.0187 by June 10 against 0.01: over.
    assertThat(summary.at("/budgets/teams_over").asLong()).isEqualTo(1);
    assertThat(Files.readString(day.resolve("daily-by-product.csv")))
        .contains("\"silver, \"\"beta\"\"\"");
    assertThat(result.out())
        .contains("Cost report daily, 2025-06-10 to 2025-06-10 (UTC): 3 LLM requests, 0.02265 USD")
        .contains("over budget: team-b")
        .contains("Report: " + day.resolve("daily-cost-report.html").toAbsolutePath().normalize());
  }

  @Test
  void withoutDatesTheReportCoversTheDaysInTheInput() throws Exception {
    Path file = replayFolder().resolve("requests.jsonl");
    Path outDir = tmp.resolve("o");
    CliRun result = run("report", "--out", outDir.toString(), file.toString());
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(outDir.resolve("reports/2025/06/10/range-20250609-20250610-cost-report.html"))
        .isRegularFile();
    assertThat(result.out()).contains("2025-06-09 to 2025-06-10", "0.02595 USD");
  }

  @Test
  void theReportOfAReplayEqualsTheSumOfItsRequestsExactly() throws Exception {
    Path replayed = tmp.resolve("replayed");
    assertThat(
            CliRun.run(
                    "replay", "--out", replayed.toString(), ReplayCommandTest.samples().toString())
                .code())
        .isZero();
    BigDecimal expected = BigDecimal.ZERO;
    long llm = 0;
    Set<String> ids = new HashSet<>();
    for (JsonNode r : ReplayCommandTest.lines(replayed.resolve("requests.jsonl"))) {
      // The accounts' own resource-log records are their view of the same calls, never spend.
      boolean accountView =
          Set.of("RequestResponse", "AzureOpenAIRequestUsage")
              .contains(r.path("tollgate.record.category").asText());
      if (r.path("tollgate.llm").asBoolean()
          && !accountView
          && ids.add(r.path("tollgate.item_id").asText())) {
        llm++;
        if (r.hasNonNull("tollgate.cost.usd")) {
          expected = expected.add(r.get("tollgate.cost.usd").decimalValue());
        }
      }
    }
    Path outDir = tmp.resolve("r");
    CliRun result = run("report", "--out", outDir.toString(), replayed.toString());
    assertThat(result.code()).as(result.err()).isZero();
    Path json;
    try (var s = Files.walk(outDir)) {
      json = s.filter(p -> p.toString().endsWith("-cost-summary.json")).findFirst().orElseThrow();
    }
    JsonNode summary = Json.MAPPER.readTree(json.toFile());
    assertThat(summary.at("/totals/cost_usd").decimalValue()).isEqualByComparingTo(expected);
    assertThat(summary.at("/totals/requests").asLong()).isEqualTo(llm);
    assertThat(expected.signum()).isPositive();
  }

  @Test
  void saysHowManyCallsBypassedTheGatewayOnlyWhenAccountsSendResourceLogs() throws Exception {
    // APIM passed one call to aoai-eu/gpt-4o; the account logged three (one with a cost: not
    // spend).
    String accountLogs =
        """
        {"time":"2025-06-10T08:00:00Z","tollgate.llm":true,"tollgate.record.category":"GatewayLogs","azure.openai.account":"aoai-eu","azure.openai.deployment":"gpt-4o","tollgate.cost.usd":0.001,"tollgate.cost.status":"priced","tollgate.item_id":"req:g1"}
        {"time":"2025-06-10T08:00:01Z","tollgate.llm":true,"tollgate.record.category":"RequestResponse","azure.openai.account":"aoai-eu","azure.openai.deployment":"gpt-4o","tollgate.item_id":"rl:1"}
        {"time":"2025-06-10T08:00:02Z","tollgate.llm":true,"tollgate.record.category":"RequestResponse","azure.openai.account":"aoai-eu","azure.openai.deployment":"gpt-4o","tollgate.item_id":"rl:2"}
        {"time":"2025-06-10T08:00:03Z","tollgate.llm":true,"tollgate.record.category":"RequestResponse","azure.openai.account":"aoai-eu","azure.openai.deployment":"gpt-4o","tollgate.cost.usd":0.5,"tollgate.cost.status":"priced","tollgate.item_id":"rl:3"}
        """;
    Path with = Files.writeString(tmp.resolve("requests-with.jsonl"), accountLogs);
    CliRun result =
        run("report", "--to", "2025-06-10", "--out", tmp.resolve("a").toString(), with.toString());
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("1 LLM requests, 0.001 USD")
        .contains(
            "gateway bypass: 2 call(s) the accounts logged did not come through APIM"
                + " (aoai-eu/gpt-4o 2)");

    CliRun without = run("report", "--out", tmp.resolve("b").toString(), replayFolder().toString());
    assertThat(without.code()).as(without.err()).isZero();
    assertThat(without.out()).doesNotContain("bypass");
  }

  @Test
  void badDatesArePlainErrorsWithExitCode2() throws Exception {
    Path in = replayFolder();
    assertThat(inputError("report", "--to", "2025-13-01", "--out", tmp.toString(), in.toString()))
        .contains("invalid --to date '2025-13-01': expected YYYY-MM-DD");

    assertThat(
            inputError(
                "report",
                "--from",
                "2025-06-10",
                "--to",
                "2025-06-01",
                "--out",
                tmp.toString(),
                in.toString()))
        .contains("--from 2025-06-10 is after --to 2025-06-01");

    assertThat(inputError("report", "--period", "hourly", "--out", tmp.toString(), in.toString()))
        .contains("unknown period 'hourly'");

    assertThat(
            inputError(
                "report",
                "--period",
                "weekly",
                "--from",
                "2025-06-01",
                "--out",
                tmp.toString(),
                in.toString()))
        .contains("--period and --from do not go together");
  }

  @Test
  void badPathsAndBudgetFilesAreExitCode2() throws Exception {
    assertThat(inputError("report", "--out", tmp.toString(), tmp.resolve("nope").toString()))
        .contains("no such file or folder")
        .contains("nope");

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(inputError("report", "--out", tmp.toString(), empty.toString()))
        .contains("no requests.jsonl in folder");

    Path aggregates = Files.writeString(tmp.resolve("aggregates.jsonl"), "{}\n");
    assertThat(inputError("report", "--out", tmp.toString(), aggregates.toString()))
        .contains("is not a requests file");

    Path in = replayFolder();
    Path bad = Files.writeString(tmp.resolve("budgets.json"), "{\"team-a\": \"lots\"}");
    assertThat(
            inputError(
                "report", "--budgets", bad.toString(), "--out", tmp.toString(), in.toString()))
        .contains("cannot read budgets")
        .contains("team-a")
        .contains("lots");

    assertThat(
            inputError(
                "report",
                "--budgets",
                tmp.resolve("missing.json").toString(),
                "--out",
                tmp.toString(),
                in.toString()))
        .contains("missing.json: no such file");

    Path noLlm = Files.writeString(tmp.resolve("requests-x.jsonl"), "{\"tollgate.llm\":false}\n");
    assertThat(inputError("report", "--out", tmp.toString(), noLlm.toString()))
        .contains("no LLM requests with a time");
  }

  @Test
  void inputsOrAWorkspaceAreRequired() throws Exception {
    assertThat(
            inputError(
                "report",
                "--workspace",
                "0000-1111",
                "--out",
                tmp.toString(),
                replayFolder().toString()))
        .contains("name no INPUT");

    assertThat(inputError("report", "--out", tmp.toString()))
        .contains("no INPUT")
        .contains("--workspace ID");

    // --out is required: a usage error.
    assertThat(inputError("report", replayFolder().toString())).contains("--out");
  }
}
