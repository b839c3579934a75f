package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random requests.jsonl files, shuffled and with redelivered lines: the report's totals
 * equal the exact sums over the distinct records of the period, however they are split.
 */
class TotalsPropertyTest {
  @TempDir Path tmp;

  @RepeatedTest(20)
  void totalsEqualTheExactSumsOfTheDistinctInputRecords(RepetitionInfo info) throws IOException {
    Random rnd = new Random(7919L * info.getCurrentRepetition());
    LocalDate to = LocalDate.of(2025, 3, 1).plusDays(rnd.nextInt(60));
    ReportPeriod period =
        switch (rnd.nextInt(3)) {
          case 0 -> ReportPeriod.daily(to);
          case 1 -> ReportPeriod.weekly(to);
          default -> ReportPeriod.monthToDate(to);
        };
    String[] teams = {"team-a", "team-b", "team,c", "team \"d\"", null};
    String[] statuses = {"priced", "priced", "priced", "unpriced_model", "no_usage", "provisioned"};
    String[] errors = {null, null, null, null, "rate_limited", "server_error", "content_filter"};

    List<String> lines = new ArrayList<>();
    BigDecimal expectedCost = BigDecimal.ZERO;
    long expectedRequests = 0;
    long expectedErrors = 0;
    long expectedInput = 0;
    Map<String, BigDecimal> expectedByTeam = new HashMap<>();
    Set<String> ids = new HashSet<>();
    int n = 200 + rnd.nextInt(800);
    for (int i = 0; i < n; i++) {
      Instant time =
          to.minusDays(rnd.nextInt(70) - 3)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .plusMillis(rnd.nextInt(86_400_000));
      String team = teams[rnd.nextInt(teams.length)];
      String status = statuses[rnd.nextInt(statuses.length)];
      String error = errors[rnd.nextInt(errors.length)];
      BigDecimal cost =
          status.equals("priced")
              ? BigDecimal.valueOf(rnd.nextInt(5_000_000), 9 - rnd.nextInt(3))
              : null;
      long input = rnd.nextInt(100_000);
      String id = "req:" + i;
      String line =
          "{\"time\":\""
              + time
              + "\",\"gen_ai.provider.name\":\"azure.ai.openai\",\"apim.subscription_id\":"
              + (team == null ? "null" : "\"" + team.replace("\"", "\\\"") + "\"")
              + ",\"azure.openai.deployment\":\"d"
              + rnd.nextInt(4)
              + "\",\"gen_ai.usage.input_tokens\":"
              + input
              + ",\"tollgate.cost.usd\":"
              + (cost == null ? "null" : cost.toPlainString())
              + ",\"tollgate.cost.status\":\""
              + status
              + "\",\"error.type\":"
              + (error == null ? "null" : "\"" + error + "\"")
              + ",\"tollgate.content_filter\":[\"prompt.hate\"],\"tollgate.item_id\":\""
              + id
              + "\"}";
      lines.add(line);
      if (rnd.nextInt(10) == 0) {
        lines.add(line); // redelivered
      }
      LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
      if (period.contains(day) && ids.add(id)) {
        expectedRequests++;
        expectedInput += input;
        if (error != null) {
          expectedErrors++;
        }
        if (cost != null) {
          expectedCost = expectedCost.add(cost);
          expectedByTeam.merge(team == null ? UsageRecord.NONE : team, cost, BigDecimal::add);
        }
      }
    }
    Collections.shuffle(lines, rnd);
    int cut = rnd.nextInt(lines.size());
    Path a = Files.write(tmp.resolve("a.jsonl"), lines.subList(0, cut), StandardCharsets.UTF_8);
    Path b =
        Files.write(
            tmp.resolve("b.jsonl"), lines.subList(cut, lines.size()), StandardCharsets.UTF_8);

    CostReport r =
        CostReports.build(
            new JsonLinesSource(List.of(a, b)), period, Budgets.none(), Fixtures.CLOCK);

    assertThat(r.totals().costUsd()).isEqualByComparingTo(expectedCost);
    assertThat(r.totals().requests()).isEqualTo(expectedRequests);
    assertThat(r.totals().errors()).isEqualTo(expectedErrors);
    assertThat(r.totals().inputTokens()).isEqualTo(expectedInput);
    Breakdown byTeam = r.breakdown("by-team").orElseThrow();
    for (Breakdown.Row row : byTeam.rows()) {
      assertThat(row.totals().costUsd())
          .as(row.label())
          .isEqualByComparingTo(expectedByTeam.getOrDefault(row.label(), BigDecimal.ZERO));
    }
    BigDecimal days =
        r.days().stream().map(DayTotal::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(days).isEqualByComparingTo(expectedCost);
    assertThat(r.days()).hasSize((int) period.days());
  }
}
