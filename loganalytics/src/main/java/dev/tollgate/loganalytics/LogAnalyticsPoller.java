package dev.tollgate.loganalytics;

import dev.tollgate.loganalytics.PollReport.Outcome;
import dev.tollgate.loganalytics.PollReport.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the configured queries against the workspace and hands their rows, as {@link MetricRow}s, to
 * a sink: signals that exist only in logs (APIM's LLM logs when the Event Hub path is not deployed,
 * Azure OpenAI's resource logs) become metrics that alerts can fire on.
 *
 * <p>Each run covers one window, {@code [end - window, end)} where {@code end} is now minus the
 * delay, rounded down to a multiple of the window: runs once per window cover consecutive windows,
 * and a retried run covers the same window again and yields the same item ids. A query that
 * declares {@code start_time} and {@code end_time} gets the window's bounds.
 *
 * <ul>
 *   <li><b>Partial results</b>: the rows that came back become items, each with {@code
 *       tollgate.partial=true}, and the outcome is {@link Status#PARTIAL} with the service's
 *       reason.
 *   <li><b>Throttling</b> (429): the poller waits for Retry-After once (at most {@link
 *       PollerConfig#maxRetryAfter()}) and tries again; throttled again, or asked to wait longer,
 *       it gives up for this run: that query is {@link Status#THROTTLED}, the rest {@link
 *       Status#SKIPPED}, and the report says when to come back.
 *   <li><b>Time-outs</b> and other failures affect only their query; the run goes on.
 * </ul>
 */
public final class LogAnalyticsPoller {

  /** Waits; the real one sleeps, tests record. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Parameter names bound to the window's bounds when a query declares them. */
  public static final String START_PARAMETER = "start_time";

  public static final String END_PARAMETER = "end_time";

  /** Waited for when a 429 carries no Retry-After. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

  private final LogsQuery logs;
  private final PollerConfig config;
  private final List<KqlQuery> queries;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Checks the configuration up front: every query exists, runs on the workspace, and accepts the
   * configured parameter values.
   *
   * @throws IllegalArgumentException naming the query and what is wrong
   */
  public LogAnalyticsPoller(
      LogsQuery logs, QueryCatalog catalog, PollerConfig config, Clock clock, Sleeper sleeper) {
    this.logs = Objects.requireNonNull(logs, "logs");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    List<KqlQuery> list = new ArrayList<>();
    for (String name : config.queries()) {
      KqlQuery q = catalog.get(name);
      if (q.scope() != KqlQuery.Scope.WORKSPACE) {
        throw new IllegalArgumentException(
            "query "
                + q.name()
                + " is scoped to "
                + q.scope().name().toLowerCase(java.util.Locale.ROOT)
                + ": the poller runs workspace queries (AppEvents, ApiManagementGatewayLogs, ...)");
      }
      Map<String, String> values = config.parametersOf(q.name());
      if (values.containsKey(START_PARAMETER) || values.containsKey(END_PARAMETER)) {
        throw new IllegalArgumentException(
            "query " + q.name() + ": start_time and end_time are set by the poller's window");
      }
      q.render(bind(q, values, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
      list.add(q);
    }
    this.queries = List.copyOf(list);
  }

  /** A poller that really sleeps and reads the system clock. */
  public static LogAnalyticsPoller create(LogsQuery logs, PollerConfig config) {
    return new LogAnalyticsPoller(
        logs, QueryCatalog.classpath(), config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** The window a run starting now covers. */
  public QueryTimeSpan window() {
    long size = config.window().toMillis();
    long end = clock.instant().minus(config.delay()).toEpochMilli();
    end = Math.floorDiv(end, size) * size;
    return new QueryTimeSpan(Instant.ofEpochMilli(end - size), Instant.ofEpochMilli(end));
  }

  /**
   * Runs every configured query once and hands the items to {@code sink} (flushed at the end, also
   * when the run stops early).
   *
   * @return what each query did; {@link PollReport#failed()} tells whether to retry the run
   */
  public PollReport run(MetricRowSink sink) {
    QueryTimeSpan window = window();
    List<Outcome> outcomes = new ArrayList<>();
    try {
      boolean givenUp = false;
      String giveUpReason = null;
      for (KqlQuery q : queries) {
        if (givenUp) {
          outcomes.add(new Outcome(q.name(), Status.SKIPPED, 0, 0, giveUpReason));
          continue;
        }
        Outcome o = runOne(q, window, sink);
        outcomes.add(o);
        if (o.status() == Status.THROTTLED) {
          givenUp = true;
          giveUpReason = "not run: Log Analytics throttled this run at " + q.name();
        }
      }
    } finally {
      sink.flush();
    }
    return new PollReport(window, outcomes);
  }

  private Outcome runOne(KqlQuery q, QueryTimeSpan window, MetricRowSink sink) {
    String kql = q.render(bind(q, config.parametersOf(q.name()), window.start(), window.end()));
    QueryTimeSpan span = apiSpan(q, window);
    LogsQueryResult result;
    try {
      result = queryWithOneRetry(kql, span);
    } catch (LogsQueryThrottledException e) {
      return new Outcome(q.name(), Status.THROTTLED, 0, 0, e.getMessage());
    } catch (LogsQueryTimeoutException e) {
      return new Outcome(q.name(), Status.TIMED_OUT, 0, 0, e.getMessage());
    } catch (LogsQueryException e) {
      return new Outcome(q.name(), Status.FAILED, 0, 0, e.getMessage());
    }
    List<MetricRow> items = MetricRows.of(q, result, window.end());
    for (MetricRow item : items) {
      sink.accept(item);
    }
    return result.partial()
        ? new Outcome(
            q.name(),
            Status.PARTIAL,
            result.rows().size(),
            items.size(),
            "partial result: " + result.partialError())
        : new Outcome(q.name(), Status.OK, result.rows().size(), items.size(), null);
  }

  private LogsQueryResult queryWithOneRetry(String kql, QueryTimeSpan span) {
    try {
      return logs.query(config.workspaceId(), kql, span);
    } catch (LogsQueryThrottledException first) {
      Duration wait = first.retryAfter().orElse(DEFAULT_RETRY_AFTER);
      if (wait.compareTo(config.maxRetryAfter()) > 0) {
        throw new LogsQueryThrottledException(
            "throttled (429) with Retry-After "
                + wait.toSeconds()
                + " s, longer than the "
                + config.maxRetryAfter().toSeconds()
                + " s this run may wait: giving up until the next run",
            wait,
            first);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LogsQueryThrottledException(
            "throttled (429) and interrupted while waiting " + wait.toSeconds() + " s", wait, e);
      }
      try {
        return logs.query(config.workspaceId(), kql, span);
      } catch (LogsQueryThrottledException second) {
        String again =
            second.retryAfter().map(d -> "; Retry-After " + d.toSeconds() + " s").orElse("");
        throw new LogsQueryThrottledException(
            "throttled (429) again after waiting "
                + wait.toSeconds()
                + " s as Retry-After asked"
                + again
                + ": giving up until the next run",
            second.retryAfter().orElse(null),
            second);
      }
    }
  }

  /**
   * The span sent to the service: from {@code timespan} (the header) before the window's end, at
   * least the window, up to now (queries may look a little past their range, e.g. for joins).
   */
  private QueryTimeSpan apiSpan(KqlQuery q, QueryTimeSpan window) {
    Duration back = q.timespan().orElse(window.length());
    if (back.compareTo(window.length()) < 0) {
      back = window.length();
    }
    Instant now = clock.instant();
    Instant end = now.isAfter(window.end()) ? now : window.end();
    return new QueryTimeSpan(window.end().minus(back), end);
  }

  private static Map<String, String> bind(
      KqlQuery q, Map<String, String> values, Instant start, Instant end) {
    Map<String, String> v = new HashMap<>(values);
    if (q.parameter(START_PARAMETER).isPresent() && q.parameter(END_PARAMETER).isPresent()) {
      v.put(START_PARAMETER, start.toString());
      v.put(END_PARAMETER, end.toString());
    }
    return v;
  }
}
