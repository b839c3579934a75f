package dev.tollgate.cli;

import dev.tollgate.loganalytics.AzureLogsQuery;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.WorkspaceReportSource;
import dev.tollgate.reports.BudgetStatus;
import dev.tollgate.reports.BudgetSummary;
import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.BypassedDeployment;
import dev.tollgate.reports.CostReport;
import dev.tollgate.reports.CostReports;
import dev.tollgate.reports.DirectoryReportStore;
import dev.tollgate.reports.InputStats;
import dev.tollgate.reports.JsonLinesSource;
import dev.tollgate.reports.ReportFiles;
import dev.tollgate.reports.ReportPeriod;
import dev.tollgate.reports.ReportSource;
import dev.tollgate.reports.Totals;
import dev.tollgate.reports.UnpricedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate report}: a cost report (HTML, CSV, JSON) from {@code requests.jsonl} files
 * written by replay, or from the {@code LlmRequest} events in a Log Analytics workspace.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Build a cost report from requests.jsonl files written by replay: a self-contained HTML",
      "report, CSV files for finance and a JSON summary, under DIR/reports/yyyy/MM/dd/.",
      "Days are UTC, both ends included. Without dates the report covers the days in the input;",
      "--period ends on --to, else on the last day with data.",
      "With --workspace ID the records are read from a Log Analytics workspace (the LlmRequest",
      "events, one query per day) with DefaultAzureCredential (az login locally; the identity",
      "needs Log Analytics Reader); without --from or --period it is the daily report of",
      "--to, default yesterday (UTC).",
      "TOLLGATE_LA_ENDPOINT and TOLLGATE_LA_SERVER_TIMEOUT apply as in the function app."
    })
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Output folder; files go to DIR/reports/yyyy/MM/dd/.")
  Path out;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First day (YYYY-MM-DD, UTC); default: the first day with data.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last day (YYYY-MM-DD, UTC), included; default: the last day with data.")
  String to;

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      description = "daily, weekly (7 days) or mtd (month to date), ending on --to.")
  String period;

  @Option(
      names = "--budgets",
      paramLabel = "FILE",
      description = "Monthly USD budget per team (APIM subscription): JSON or team=amount lines.")
  Path budgets;

  @Option(
      names = "--workspace",
      paramLabel = "ID",
      description = "Log Analytics workspace id (GUID) to read instead of files.")
  String workspace;

  /** The logs query endpoint (other clouds, local tests); overrides TOLLGATE_LA_ENDPOINT. */
  @Option(names = "--la-endpoint", paramLabel = "URL", hidden = true)
  String laEndpoint;

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description = "requests.jsonl files, or folders written by replay.")
  List<Path> inputs = new ArrayList<>();

  /** The clock that stamps the report; tests replace it. */
  Clock clock = Clock.systemUTC();

  /** The settings read (TOLLGATE_LA_*); tests replace them. */
  Map<String, String> env = System.getenv();

  /** Makes the logs query client from settings; tests give one that trusts a local server. */
  Function<Map<String, String>, LogsQuery> logsClient = AzureLogsQuery::fromSettings;

  @Override
  public Integer call() throws IOException {
    if (workspace != null) {
      if (!inputs.isEmpty()) {
        throw new InputException(
            "--workspace reads the records from the workspace: name no INPUT files with it");
      }
      return reportWorkspace(spec.commandLine());
    }
    if (inputs.isEmpty()) {
      throw new InputException(
          "no INPUT: name requests.jsonl files or folders written by replay, or --workspace ID");
    }
    return report(spec.commandLine(), inputs, out);
  }

  /** Builds and writes the report from files; returns the exit code. */
  int report(CommandLine cl, List<Path> in, Path outDir) throws IOException {
    JsonLinesSource source = new JsonLinesSource(files(in));
    return write(cl, source, period(source), outDir);
  }

  /** Builds and writes the report from the workspace; returns the exit code. */
  private int reportWorkspace(CommandLine cl) throws IOException {
    Map<String, String> settings = new HashMap<>(env);
    settings.put(LogAnalyticsSettings.WORKSPACE_ID, workspace);
    if (laEndpoint != null) {
      settings.put(LogAnalyticsSettings.ENDPOINT, laEndpoint);
    }
    WorkspaceReportSource source;
    try {
      source = WorkspaceReportSource.fromSettings(settings, logsClient);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    // No cheap scan of a workspace's days: without dates, the report is of yesterday.
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    ReportPeriod p =
        period == null && from == null
            ? ReportPeriod.daily(to == null ? yesterday : date("--to", to))
            : period(() -> new JsonLinesSource.Days(yesterday, yesterday));
    int code = write(cl, source, p, out);
    WorkspaceReportSource.ReadStats read = source.lastRead();
    if (read.partialChunks() > 0) {
      cl.getErr()
          .println(
              "report: "
                  + read.partialChunks()
                  + " of "
                  + read.chunks()
                  + " daily queries returned a partial result; the report may miss records"
                  + " (counted as unreadable lines)");
    }
    if (read.sampledRows() > 0) {
      cl.getErr()
          .println(
              "report: "
                  + read.sampledRows()
                  + " LlmRequest event(s) stand for more than one call (TOLLGATE_EVENTS=sampled):"
                  + " the report under-counts; use cost-and-tokens-from-metrics.kql for totals");
    }
    cl.getErr().flush();
    return code;
  }

  private int write(CommandLine cl, ReportSource source, ReportPeriod p, Path outDir) {
    Budgets b = loadBudgets();
    CostReport report;
    try {
      report = CostReports.build(source, p, b, clock);
    } catch (IOException e) {
      throw new InputException(
          (source instanceof WorkspaceReportSource ? "" : "cannot read ") + e.getMessage(), e);
    }
    List<String> written;
    try {
      written = ReportFiles.write(report, new DirectoryReportStore(outDir));
    } catch (IOException e) {
      throw new InputException("cannot write the report to " + outDir + ": " + e.getMessage(), e);
    }
    warn(cl.getErr(), report.input());
    print(cl.getOut(), report, written);
    return 0;
  }

  /** The days the data covers, read only when a date is missing. */
  private interface DataDays {
    JsonLinesSource.Days get();
  }

  private ReportPeriod period(JsonLinesSource source) {
    return period(() -> dataDays(source));
  }

  private ReportPeriod period(DataDays data) {
    LocalDate f = date("--from", from);
    LocalDate t = date("--to", to);
    ReportPeriod.Kind kind = null;
    if (period != null) {
      try {
        kind = ReportPeriod.Kind.parse(period);
      } catch (IllegalArgumentException e) {
        throw new InputException("--period: " + e.getMessage(), e);
      }
      if (f != null) {
        throw new InputException(
            "--period and --from do not go together: a period ends on --to; use --from and --to"
                + " for a range");
      }
    }
    if (t == null || (kind == null && f == null)) {
      JsonLinesSource.Days days = data.get();
      t = t == null ? days.last() : t;
      f = f == null && kind == null ? days.first() : f;
    }
    if (kind != null) {
      return ReportPeriod.of(kind, t);
    }
    if (f.isAfter(t)) {
      throw new InputException(
          "--from " + f + " is after " + (to == null ? "the last day with data, " : "--to ") + t);
    }
    return ReportPeriod.range(f, t);
  }

  private static JsonLinesSource.Days dataDays(JsonLinesSource source) {
    Optional<JsonLinesSource.Days> days;
    try {
      days = source.days();
    } catch (IOException e) {
      throw new InputException("cannot read " + e.getMessage(), e);
    }
    return days.orElseThrow(
        () ->
            new InputException(
                "no LLM requests with a time in "
                    + source.description()
                    + " (expected requests.jsonl written by tollgate replay)"));
  }

  private static LocalDate date(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new InputException(
          "invalid " + option + " date '" + text + "': expected YYYY-MM-DD", e);
    }
  }

  private Budgets loadBudgets() {
    if (budgets == null) {
      return Budgets.none();
    }
    if (!Files.isRegularFile(budgets)) {
      throw new InputException("cannot read budgets " + budgets + ": no such file");
    }
    try {
      return Budgets.load(budgets);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException("cannot read budgets " + budgets + ": " + e.getMessage(), e);
    }
  }

  /** The requests files named: files as given, folders searched for requests*.jsonl. */
  static List<Path> files(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      InputFiles.checkReadable(in);
      if (Files.isDirectory(in)) {
        List<Path> found = InputFiles.walk(in, ReportCommand::isRequestsFile);
        if (found.isEmpty()) {
          throw new InputException(
              "no requests.jsonl in folder " + in + " (write one with tollgate replay)");
        }
        files.addAll(found);
      } else {
        String name = String.valueOf(in.getFileName()).toLowerCase(Locale.ROOT);
        if (name.startsWith("aggregates") || name.startsWith("deadletter")) {
          throw new InputException(
              in + " is not a requests file: the report reads requests.jsonl, not " + name);
        }
        files.add(in);
      }
    }
    return files;
  }

  private static boolean isRequestsFile(Path p) {
    String n = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
    return n.startsWith("requests") && n.endsWith(".jsonl");
  }

  private static void warn(PrintWriter err, InputStats in) {
    if (in.malformed() > 0) {
      err.println(
          "report: skipped "
              + in.malformed()
              + " unreadable line(s) or partial result(s), first: "
              + in.malformedSamples().get(0));
    }
    if (in.withoutItemId() > 0) {
      err.println(
          "report: "
              + in.withoutItemId()
              + " record(s) without tollgate.item_id could not be de-duplicated");
    }
    err.flush();
  }

  private static void print(PrintWriter o, CostReport r, List<String> written) {
    Totals t = r.totals();
    ReportPeriod p = r.period();
    o.printf(
        Locale.ROOT,
        "Cost report %s, %s to %s (UTC): %d LLM requests, %s USD%n",
        p.kind().wireName(),
        p.from(),
        p.to(),
        t.requests(),
        t.costUsd().toPlainString());
    o.printf(
        Locale.ROOT,
        "  error rate %s, throttle rate %s, estimated usage %s, unpriced requests %d%s%s%n",
        pct(t.errorRate()),
        pct(t.throttleRate()),
        pct(t.estimatedShare()),
        t.unpriced(),
        r.unpriced().isEmpty()
            ? ""
            : " ("
                + String.join(", ", r.unpriced().stream().map(UnpricedModel::model).toList())
                + ")",
        t.implausibleUsage() == 0
            ? ""
            : ", implausible usage " + t.implausibleUsage() + " (not priced)");
    BudgetSummary b = r.budgets();
    o.printf(
        Locale.ROOT,
        "  %s to date %s USD, month-end forecast %s USD",
        b.month(),
        b.spentUsd().toPlainString(),
        b.forecastUsd().toPlainString());
    List<String> over = teams(b, BudgetStatus.Status.OVER);
    List<String> atRisk = teams(b, BudgetStatus.Status.AT_RISK);
    if (!over.isEmpty() || !atRisk.isEmpty()) {
      o.printf(
          Locale.ROOT,
          "; over budget: %s; at risk: %s",
          over.isEmpty() ? "none" : String.join(", ", over),
          atRisk.isEmpty() ? "none" : String.join(", ", atRisk));
    }
    o.println();
    bypass(o, r);
    InputStats in = r.input();
    o.printf(
        Locale.ROOT,
        "  read %d records; left out: duplicates %d, not LLM calls %d, outside the report's"
            + " days %d, without a time %d, unreadable lines %d%n",
        in.records(),
        in.duplicates(),
        in.notLlm(),
        in.outsidePeriod(),
        in.withoutTime(),
        in.malformed());
    o.println("Report: " + Path.of(written.get(0)).toAbsolutePath().normalize());
    o.println(
        "Wrote "
            + written.size()
            + " files (HTML, JSON summary, CSV) to "
            + Path.of(written.get(0)).toAbsolutePath().normalize().getParent());
    o.flush();
  }

  /** Only when an account sent resource logs: without them there is nothing to compare. */
  private static void bypass(PrintWriter o, CostReport r) {
    if (r.gatewayBypass().isEmpty()) {
      return;
    }
    List<BypassedDeployment> bypassed =
        r.gatewayBypass().stream().filter(b -> b.bypassRequests() > 0).toList();
    long total = bypassed.stream().mapToLong(BypassedDeployment::bypassRequests).sum();
    o.printf(
        Locale.ROOT,
        "  gateway bypass: %d call(s) the accounts logged did not come through APIM%s%n",
        total,
        bypassed.isEmpty()
            ? ""
            : " ("
                + String.join(
                    ", ",
                    bypassed.stream()
                        .limit(3)
                        .map(b -> b.account() + "/" + b.deployment() + " " + b.bypassRequests())
                        .toList())
                + (bypassed.size() > 3 ? ", ..." : "")
                + ")");
  }

  private static List<String> teams(BudgetSummary b, BudgetStatus.Status s) {
    return b.teams().stream().filter(x -> x.status() == s).map(BudgetStatus::team).toList();
  }

  private static String pct(java.math.BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString()
        + "%";
  }
}
