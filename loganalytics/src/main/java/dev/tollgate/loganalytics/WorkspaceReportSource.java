package dev.tollgate.loganalytics;

import dev.tollgate.reports.RecordSink;
import dev.tollgate.reports.ReportSource;
import dev.tollgate.reports.RequestLineReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cost report records read from a Log Analytics workspace: the {@code LlmRequest} events Tollgate
 * sent to a workspace-based Application Insights resource, one row per call ({@code
 * queries/llm-requests-workspace.kql}, columns named as in {@code requests.jsonl} and mapped by the
 * reports module's own {@link RequestLineReader#fromValues}).
 *
 * <p>The days asked for are read one chunk at a time (a UTC day by default), each query bound to
 * its chunk with {@code start_time}/{@code end_time} and the request's timespan, so a month stays
 * within the service's limits (500,000 rows, 64 MB, the server time-out per query). Days that have
 * not begun yet are not queried.
 *
 * <ul>
 *   <li><b>Partial results</b> (rows and an error at once, e.g. a chunk over the row limit): the
 *       rows that came are handed over, and the chunk is reported to the sink as one malformed
 *       entry naming the range and the service's reason, so the report's input counts show it.
 *   <li><b>Rows that do not map</b> (a value that cannot be what its column holds) are handed to
 *       the sink as malformed, with the chunk and row number.
 *   <li><b>Throttling, time-outs and other failures</b> stop the read with a {@link
 *       WorkspaceReadException} saying which range failed and what to do.
 * </ul>
 *
 * <p>The identity needs <i>Log Analytics Reader</i> on the workspace.
 */
public final class WorkspaceReportSource implements ReportSource {
  /** The query file read, from {@code queries/}. */
  public static final String QUERY = "llm-requests-workspace.kql";

  /** The default chunk: one UTC day per query. */
  public static final Duration DAY = Duration.ofDays(1);

  /** The column counting the calls a (sampled) event stands for. */
  static final String ITEM_COUNT = "item_count";

  /**
   * What the last {@link #read} did.
   *
   * @param chunks queries run
   * @param rows rows returned
   * @param malformedRows rows that did not map to a record (handed to the sink as malformed)
   * @param partialChunks queries answered with a partial result
   * @param sampledRows rows standing for more than one call ({@code item_count > 1}: events were
   *     sampled with {@code TOLLGATE_EVENTS=sampled:N}, so the report under-counts; use the
   *     metrics-based query for totals)
   */
  public record ReadStats(
      int chunks, long rows, long malformedRows, int partialChunks, long sampledRows) {}

  private final LogsQuery logs;
  private final String workspaceId;
  private final KqlQuery query;
  private final Duration chunk;
  private final Clock clock;
  private volatile ReadStats lastRead = new ReadStats(0, 0, 0, 0, 0);

  /** One query per UTC day, with the packaged query file and the system clock. */
  public WorkspaceReportSource(LogsQuery logs, String workspaceId) {
    this(logs, workspaceId, QueryCatalog.classpath(), DAY, Clock.systemUTC());
  }

  /**
   * @param chunk the range of one query: at most a day, and a day must be a whole number of chunks
   *     (e.g. PT6H for workspaces with more than about 500,000 calls a day)
   * @throws IllegalArgumentException for an empty workspace id or a chunk that does not divide a
   *     day
   */
  public WorkspaceReportSource(
      LogsQuery logs, String workspaceId, QueryCatalog catalog, Duration chunk, Clock clock) {
    this.logs = Objects.requireNonNull(logs, "logs");
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId").strip();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.chunk = Objects.requireNonNull(chunk, "chunk");
    if (this.workspaceId.isEmpty()) {
      throw new IllegalArgumentException("the workspace id is empty");
    }
    if (chunk.isNegative()
        || chunk.isZero()
        || chunk.compareTo(DAY) > 0
        || DAY.toMillis() % chunk.toMillis() != 0) {
      throw new IllegalArgumentException(
          "a report query's range must divide a day (PT1H, PT6H, P1D, ...), not " + chunk);
    }
    this.query = catalog.get(QUERY);
    if (query.parameter(LogAnalyticsPoller.START_PARAMETER).isEmpty()
        || query.parameter(LogAnalyticsPoller.END_PARAMETER).isEmpty()) {
      throw new IllegalStateException(QUERY + " must declare start_time and end_time");
    }
  }

  /**
   * The source the app settings describe: {@link LogAnalyticsSettings#WORKSPACE_ID} and the client
   * of {@link AzureLogsQuery#fromSettings} ({@code DefaultAzureCredential}).
   *
   * @throws IllegalArgumentException naming a missing or wrong setting
   */
  public static WorkspaceReportSource fromSettings(Map<String, String> env) {
    return fromSettings(env, AzureLogsQuery::fromSettings);
  }

  /** As {@link #fromSettings(Map)}, with the logs client made by {@code client} (tests). */
  public static WorkspaceReportSource fromSettings(
      Map<String, String> env, java.util.function.Function<Map<String, String>, LogsQuery> client) {
    String workspace = env.get(LogAnalyticsSettings.WORKSPACE_ID);
    if (workspace == null || workspace.isBlank()) {
      throw new IllegalArgumentException(
          LogAnalyticsSettings.WORKSPACE_ID
              + " is not set: the workspace holding the LlmRequest events");
    }
    return new WorkspaceReportSource(client.apply(env), workspace.strip());
  }

  public String workspaceId() {
    return workspaceId;
  }

  /** What the last read did (zeros before the first). */
  public ReadStats lastRead() {
    return lastRead;
  }

  @Override
  public void read(LocalDate from, LocalDate to, RecordSink sink) throws WorkspaceReadException {
    Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant now = clock.instant();
    int chunks = 0;
    int partial = 0;
    long rows = 0;
    long malformed = 0;
    long sampled = 0;
    try {
      for (Instant s = start; s.isBefore(end) && s.isBefore(now); s = s.plus(chunk)) {
        Instant e = s.plus(chunk).isAfter(end) ? end : s.plus(chunk);
        String range = s + ".." + e;
        LogsQueryResult result = query(s, e, range, chunks, start);
        chunks++;
        int n = 0;
        for (Map<String, Object> row : result.rows()) {
          n++;
          rows++;
          if (row.get(ITEM_COUNT) instanceof Number c && c.longValue() > 1) {
            sampled++;
          }
          try {
            sink.accept(RequestLineReader.fromValues(asLlmRequest(row)));
          } catch (RequestLineReader.MalformedLineException ex) {
            malformed++;
            sink.malformed(location(range) + " row " + n, ex.getMessage());
          }
        }
        if (result.partial()) {
          partial++;
          sink.malformed(
              location(range),
              "partial result, "
                  + n
                  + " row(s) handed over: "
                  + result.partialError()
                  + (chunk.compareTo(Duration.ofHours(1)) > 0
                      ? " (a shorter query range per chunk may avoid it)"
                      : ""));
        }
      }
    } finally {
      lastRead = new ReadStats(chunks, rows, malformed, partial, sampled);
    }
  }

  /** Every row of the query is an {@code LlmRequest} event: an Azure OpenAI call. */
  private static Map<String, Object> asLlmRequest(Map<String, Object> row) {
    if (row.get("tollgate.llm") != null) {
      return row;
    }
    Map<String, Object> r = new HashMap<>(row);
    r.put("tollgate.llm", Boolean.TRUE);
    return r;
  }

  private LogsQueryResult query(Instant s, Instant e, String range, int done, Instant start)
      throws WorkspaceReadException {
    String kql =
        query.render(
            Map.of(
                LogAnalyticsPoller.START_PARAMETER, s.toString(),
                LogAnalyticsPoller.END_PARAMETER, e.toString()));
    String read =
        done == 0 ? "nothing read yet" : done + " earlier range(s) from " + start + " were read";
    try {
      return logs.query(workspaceId, kql, new QueryTimeSpan(s, e));
    } catch (LogsQueryThrottledException ex) {
      throw new WorkspaceReadException(
          "Log Analytics throttled the report query for "
              + location(range)
              + " ("
              + read
              + "); no report was built: try again "
              + ex.retryAfter().map(d -> "in " + d.toSeconds() + " s").orElse("later")
              + ". "
              + ex.getMessage(),
          WorkspaceReadException.Reason.THROTTLED,
          ex.retryAfter().orElse(null),
          ex);
    } catch (LogsQueryTimeoutException ex) {
      throw new WorkspaceReadException(
          "the report query for "
              + location(range)
              + " timed out ("
              + read
              + "); no report was built: raise "
              + LogAnalyticsSettings.SERVER_TIMEOUT
              + " (at most PT10M) or read shorter ranges. "
              + ex.getMessage(),
          WorkspaceReadException.Reason.TIMED_OUT,
          null,
          ex);
    } catch (LogsQueryException ex) {
      throw new WorkspaceReadException(
          "the report query for "
              + location(range)
              + " failed ("
              + read
              + "); no report was built (the identity needs Log Analytics Reader on the"
              + " workspace). "
              + ex.getMessage(),
          WorkspaceReadException.Reason.FAILED,
          null,
          ex);
    }
  }

  private String location(String range) {
    return "workspace " + workspaceId + " " + range;
  }

  @Override
  public String description() {
    return "Log Analytics workspace " + workspaceId + " (" + QUERY + ")";
  }
}
