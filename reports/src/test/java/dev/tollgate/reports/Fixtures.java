package dev.tollgate.reports;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The hand-written requests.jsonl and helpers to build reports from it. */
final class Fixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-11T06:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  /**
   * {@code reports/requests-small.jsonl}. Costs were computed by hand from the shipped catalog's
   * global list prices (USD per 1M tokens: gpt-4o 2.50 input / 1.25 cached / 10.00 output; o3-mini
   * 1.10 / 0.55 / 4.40; gpt-4o-mini 0.15 / 0.075 / 0.60):
   *
   * <pre>
   * 2025-06-10 (the daily report's day)
   *   req:a1 team-a gpt-4o  1000 in (200 cached), 500 out: 800*2.50 + 200*1.25 + 500*10 = 7250 /1M = 0.00725
   *   req:a2 team-a gpt-4o  300 in, 100 out, estimated:     300*2.50 + 100*10       = 1750 /1M = 0.00175
   *   req:a3 team-a gpt-4o  429 rate_limited, no usage                                     = (none)
   *   req:b1 team-b o3-mini 2000 in, 3000 out (2500 reasoning): 2000*1.10 + 3000*4.40 = 15400 /1M = 0.0154
   *   req:b2 team-b phi-4   9 in, 3 out: unpriced_model                                   = (none)
   *   req:b1 again (a redelivery: must not count)
   *   h:0f3a team-b         not an LLM call (tollgate.llm false)
   *   req:c1 team-c gpt-4o-mini 10000 in, 2000 out: 10000*0.15 + 2000*0.60 = 2700 /1M = 0.0027
   *   req:c2 team-c gpt-4o-mini 500 server_error, no usage                                = (none)
   *   one line cut short (not JSON) and one blank line
   * 2025-06-09 (the previous day)
   *   req:p1 team-a gpt-4o  4000 in, 1000 out: 4000*2.50 + 1000*10 = 20000 /1M = 0.02
   *   req:p2 team-b o3-mini 1000 in, 500 out:  1000*1.10 + 500*4.40 = 3300 /1M = 0.0033
   * 2025-06-01
   *   req:m1 team-a gpt-4o  100000 in, 20000 out: 250000 + 200000 = 450000 /1M = 0.45
   * 2025-05-31
   *   req:x1 team-a gpt-4o  200000 in, 50000 out: 500000 + 500000 = 1.00
   * no time
   *   req:t1 team-a (cost 0.0001, never reported)
   *
   * Daily 2025-06-10: 7 LLM requests, cost 0.00725 + 0.00175 + 0.0154 + 0.0027 = 0.0271
   *   team-a 0.009 (3 req), team-b 0.0154 (2 req), team-c 0.0027 (2 req)
   * </pre>
   */
  static Path small() {
    try {
      return Path.of(Fixtures.class.getResource("/reports/requests-small.jsonl").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static CostReport report(ReportPeriod period, Budgets budgets) throws IOException {
    return CostReports.build(new JsonLinesSource(List.of(small())), period, budgets, CLOCK);
  }
}
