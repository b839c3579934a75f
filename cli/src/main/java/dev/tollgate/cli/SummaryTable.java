package dev.tollgate.cli;

import dev.tollgate.core.pipeline.RunStats;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;

/** Prints the short summary table replay ends with. */
final class SummaryTable {
  private SummaryTable() {}

  static void print(PrintWriter out, SummarySink summary, RunStats stats, Path outDir) {
    String fmt = "%-24s %-26s %9s %7s %12s %12s %12s%n";
    out.printf(
        fmt, "DEPLOYMENT", "MODEL", "REQUESTS", "ERRORS", "INPUT TOK", "OUTPUT TOK", "COST USD");
    long req = 0;
    long err = 0;
    long in = 0;
    long outTok = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (Map.Entry<String, SummarySink.Row> e : summary.rows().entrySet()) {
      String[] k = e.getKey().split("\t", 2);
      SummarySink.Row r = e.getValue();
      out.printf(
          fmt,
          cut(k[0], 24),
          cut(k[1], 26),
          r.requests,
          r.errors,
          tokens(r.inputTokens, r.estimated > 0),
          tokens(r.outputTokens, r.estimated > 0),
          r.unpriced == r.requests && r.requests > 0 ? "unpriced" : money(r.costUsd));
      req += r.requests;
      err += r.errors;
      in += r.inputTokens;
      outTok += r.outputTokens;
      cost = cost.add(r.costUsd);
    }
    out.printf(fmt, "TOTAL", "", req, err, in, outTok, money(cost));
    out.println();
    out.printf(
        "LLM requests %d (usage estimated for %d, unpriced %d); other gateway requests %d;"
            + " GatewayLlmLogs records counted, not costed %d%n",
        stats.llmRequests(),
        stats.estimated(),
        stats.unpriced(),
        stats.otherRequests(),
        stats.llmLogRecords());
    if (stats.resourceLogRecords() > 0) {
      out.printf(
          "Azure OpenAI resource-log records %d (%d calls as the account logged them: counted"
              + " apart, never added to the rows above)%n",
          stats.resourceLogRecords(), stats.resourceLogCalls());
    }
    if (!summary.unpricedModels().isEmpty()) {
      out.println(
          "Models missing from the price catalog: " + String.join(", ", summary.unpricedModels()));
    }
    if (stats.implausibleUsage() > 0) {
      out.printf(
          "Implausible usage %d (not priced, tokens left out; the claim is in"
              + " tollgate.usage.invalid)%n",
          stats.implausibleUsage());
    }
    out.printf("Dead letters %d%s%n", stats.deadLetterCount(), reasons(stats));
    out.println("* token counts include estimates (tollgate.usage.source = estimated)");
    out.println("Output: " + outDir.toAbsolutePath().normalize());
    out.flush();
  }

  private static String reasons(RunStats stats) {
    if (stats.deadLetterCount() == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (");
    stats.deadLettersByReason().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(b.length() > 2 ? ", " : "")
                    .append(e.getKey())
                    .append(' ')
                    .append(e.getValue()));
    return b.append(")").toString();
  }

  private static String tokens(long n, boolean estimated) {
    return n + (estimated ? "*" : "");
  }

  private static String money(BigDecimal v) {
    return v.setScale(6, RoundingMode.HALF_UP).toPlainString();
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }
}
