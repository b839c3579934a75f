package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher.MetricPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the accounts' platform metrics at 1-minute grain and writes every closed minute exactly
 * once per (resource, metric, minute, dimensions) item id.
 *
 * <p>A minute is <i>closed</i> once it ended more than the settle delay ago (Azure Monitor's data
 * arrives minutes late). Each (resource, metric) has a watermark in Table storage ({@link
 * WatermarkStore}); a run claims the rows it works on, so concurrent runs split the work instead of
 * repeating it, reads {@code [watermark, closed end)} in calls of at most {@code maxSpan} (catching
 * up after missed or late runs, up to {@code maxCalls} calls per group), writes the items, and only
 * then advances the watermarks. A metric whose result carries an error code (inside a 200) keeps
 * its watermark and is read again on the next run; a 429 waits for Retry-After once (up to {@code
 * maxRetryAfter}) and otherwise ends the run without moving any watermark it did not write for.
 * Metrics a resource does not define (per its metric definitions) are skipped.
 */
public final class MetricsPoller {

  /** What to read and how far to catch up. */
  public record Config(
      List<String> metrics,
      Duration settleDelay,
      Duration startLookback,
      Duration maxSpan,
      int maxCalls,
      Duration lease,
      Duration maxRetryAfter) {
    public Config {
      metrics = List.copyOf(metrics);
      if (metrics.isEmpty()) {
        throw new IllegalArgumentException("no metrics to poll");
      }
      if (maxSpan.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("the span of one call must be at least a minute");
      }
    }

    /** Defaults: 5-minute settle delay, 30 minutes back at first, 1-hour calls, 24 per run. */
    public static Config defaults(List<String> metrics) {
      return new Config(
          metrics,
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          24,
          Duration.ofMinutes(10),
          Duration.ofSeconds(30));
    }
  }

  /** Waits for Retry-After; tests replace it. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** What one run did. */
  public record Report(
      String runId,
      Instant closedEnd,
      int accounts,
      int metricsPolled,
      int metricsUndefined,
      int busy,
      int calls,
      int throttled,
      int pointsWritten,
      int pointsRejected,
      long minutesAdvanced,
      Instant oldestWatermark,
      List<String> errors) {
    public Report {
      errors = List.copyOf(errors);
    }
  }

  private final Config config;
  private final AccountDirectory accounts;
  private final MetricDefinitionsSource definitions;
  private final PlatformMetricsSource source;
  private final WatermarkStore watermarks;
  private final MetricsOutput output;
  private final Clock clock;
  private final Sleeper sleeper;

  public MetricsPoller(
      Config config,
      AccountDirectory accounts,
      MetricDefinitionsSource definitions,
      PlatformMetricsSource source,
      WatermarkStore watermarks,
      MetricsOutput output,
      Clock clock,
      Sleeper sleeper) {
    this.config = Objects.requireNonNull(config, "config");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.source = Objects.requireNonNull(source, "source");
    this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    this.output = Objects.requireNonNull(output, "output");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The end of the last closed minute at {@code now}. */
  public static Instant closedEnd(Instant now, Duration settleDelay) {
    return now.minus(settleDelay).truncatedTo(ChronoUnit.MINUTES);
  }

  private record Pair(Account account, MetricInfo info) {}

  private record GroupKey(String subscription, String region, List<String> split) {}

  private static final class Tally {
    int polled;
    int undefined;
    int busy;
    int calls;
    int throttled;
    int written;
    int rejected;
    long minutes;
    final List<String> errors = new ArrayList<>();
  }

  /**
   * One run. Throws when the output failed (the claims are released and the watermarks stay, so the
   * next run writes the same items again); every other problem is in the report.
   */
  public Report run() {
    String runId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Instant end = closedEnd(now, config.settleDelay());
    Tally t = new Tally();
    List<Account> list = accounts.accounts();
    Map<GroupKey, List<WatermarkStore.Claim>> groups = new LinkedHashMap<>();
    Map<WatermarkStore.Claim, Pair> pairs = new HashMap<>();
    List<WatermarkStore.Claim> all = new ArrayList<>();
    Instant oldest = null;
    try {
      for (Account a : list) {
        Map<String, MetricInfo> defs;
        try {
          defs = definitions.definitions(a.resourceId());
        } catch (MetricsQueryException e) {
          t.errors.add(a.name() + ": " + e.getMessage());
          continue;
        }
        for (String m : config.metrics()) {
          MetricInfo info = defs.get(m.toLowerCase(Locale.ROOT));
          if (info == null) {
            t.undefined++;
            continue;
          }
          WatermarkStore.Claim c =
              watermarks.claim(
                  a.resourceId(),
                  info.name(),
                  runId,
                  now,
                  config.lease(),
                  end.minus(config.startLookback()));
          if (c == null) {
            t.busy++;
            continue;
          }
          t.polled++;
          all.add(c);
          oldest = oldest == null || c.watermark().isBefore(oldest) ? c.watermark() : oldest;
          if (!c.watermark().isBefore(end)) {
            continue;
          }
          pairs.put(c, new Pair(a, info));
          groups
              .computeIfAbsent(
                  new GroupKey(a.subscriptionId(), a.location(), PlatformMetrics.splitFor(info)),
                  k -> new ArrayList<>())
              .add(c);
        }
      }
      try {
        for (Map.Entry<GroupKey, List<WatermarkStore.Claim>> g : groups.entrySet()) {
          poll(g.getKey(), g.getValue(), pairs, end, t);
        }
      } catch (Throttled stop) {
        t.errors.add(stop.getMessage());
      }
    } catch (RuntimeException e) {
      // Output not delivered, storage down: give the claims back so the next run need not wait
      // for the lease, and fail. (A killed process never gets here; its claims run out.)
      releaseAll(all, t);
      throw e;
    }
    releaseAll(all, t);
    Instant oldestAfter = null;
    for (WatermarkStore.Claim c : all) {
      oldestAfter =
          oldestAfter == null || c.watermark().isBefore(oldestAfter) ? c.watermark() : oldestAfter;
    }
    return new Report(
        runId,
        end,
        list.size(),
        t.polled,
        t.undefined,
        t.busy,
        t.calls,
        t.throttled,
        t.written,
        t.rejected,
        t.minutes,
        oldestAfter == null ? oldest : oldestAfter,
        t.errors);
  }

  private void releaseAll(List<WatermarkStore.Claim> all, Tally t) {
    for (WatermarkStore.Claim c : all) {
      try {
        watermarks.release(c);
      } catch (RuntimeException e) {
        t.errors.add("could not release the claim of " + c.metric() + ": " + e.getMessage());
      }
    }
  }

  /** Ends the run after a 429 whose Retry-After is too long to wait. */
  private static final class Throttled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Throttled(String message) {
      super(message, null, false, false);
    }
  }

  private void poll(
      GroupKey key,
      List<WatermarkStore.Claim> claims,
      Map<WatermarkStore.Claim, Pair> pairs,
      Instant end,
      Tally t) {
    List<WatermarkStore.Claim> active = new ArrayList<>(claims);
    for (int call = 0; call < config.maxCalls(); call++) {
      active.removeIf(c -> !c.watermark().isBefore(end));
      if (active.isEmpty()) {
        return;
      }
      Instant start = active.get(0).watermark();
      for (WatermarkStore.Claim c : active) {
        start = c.watermark().isBefore(start) ? c.watermark() : start;
      }
      Instant stop = start.plus(config.maxSpan());
      stop = stop.isAfter(end) ? end : stop;
      // Only the claims that start inside this call's span take part; later ones wait their turn.
      List<WatermarkStore.Claim> inCall = new ArrayList<>();
      for (WatermarkStore.Claim c : active) {
        if (c.watermark().isBefore(stop)) {
          inCall.add(c);
        }
      }
      Map<String, List<WatermarkStore.Claim>> byResource = new LinkedHashMap<>();
      for (WatermarkStore.Claim c : inCall) {
        byResource.computeIfAbsent(ResourceIds.key(c.resourceId()), k -> new ArrayList<>()).add(c);
      }
      List<String> resources = new ArrayList<>(byResource.keySet());
      Set<WatermarkStore.Claim> failed = new LinkedHashSet<>();
      for (int i = 0; i < resources.size(); i += PlatformMetricsSource.MAX_RESOURCES) {
        List<String> chunk =
            resources.subList(
                i, Math.min(resources.size(), i + PlatformMetricsSource.MAX_RESOURCES));
        List<WatermarkStore.Claim> chunkClaims = new ArrayList<>();
        Set<String> metricNames = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        for (String r : chunk) {
          List<WatermarkStore.Claim> cs = byResource.get(r);
          ids.add(ResourceIds.normalize(cs.get(0).resourceId()));
          for (WatermarkStore.Claim c : cs) {
            chunkClaims.add(c);
            metricNames.add(c.metric());
          }
        }
        PlatformMetricsSource.BatchQuery q =
            new PlatformMetricsSource.BatchQuery(
                key.subscription(),
                key.region(),
                PlatformMetrics.NAMESPACE,
                ids,
                new ArrayList<>(metricNames),
                start,
                stop,
                PlatformMetrics.filter(key.split()));
        List<PlatformMetricsSource.Result> results;
        try {
          results = query(q, t);
        } catch (MetricsQueryException e) {
          t.errors.add(e.getMessage());
          failed.addAll(chunkClaims);
          continue;
        }
        Map<String, PlatformMetricsSource.Result> byPair = new HashMap<>();
        for (PlatformMetricsSource.Result r : results) {
          byPair.put(pairKey(r.resourceId(), r.metric()), r);
        }
        List<MetricPoint> points = new ArrayList<>();
        List<WatermarkStore.Claim> done = new ArrayList<>();
        for (WatermarkStore.Claim c : chunkClaims) {
          PlatformMetricsSource.Result r = byPair.get(pairKey(c.resourceId(), c.metric()));
          if (r == null) {
            t.errors.add(
                ResourceIds.name(c.resourceId()) + "/" + c.metric() + ": missing from the answer");
            failed.add(c);
            continue;
          }
          if (!r.ok()) {
            t.errors.add(
                ResourceIds.name(c.resourceId())
                    + "/"
                    + c.metric()
                    + ": "
                    + r.errorCode()
                    + (r.errorMessage() == null ? "" : " (" + r.errorMessage() + ")"));
            failed.add(c);
            continue;
          }
          points.addAll(PlatformMetrics.points(r, pairs.get(c).info(), c.watermark(), stop));
          done.add(c);
        }
        t.rejected += output.write(points);
        t.written += points.size();
        for (WatermarkStore.Claim c : done) {
          long minutes = Duration.between(c.watermark(), stop).toMinutes();
          if (watermarks.advance(c, stop)) {
            t.minutes += minutes;
          } else {
            t.errors.add(
                ResourceIds.name(c.resourceId())
                    + "/"
                    + c.metric()
                    + ": claim lost before the watermark moved (another run took over)");
            failed.add(c);
          }
        }
      }
      active.removeAll(failed);
    }
  }

  private List<PlatformMetricsSource.Result> query(PlatformMetricsSource.BatchQuery q, Tally t) {
    for (int attempt = 1; ; attempt++) {
      t.calls++;
      try {
        return source.query(q);
      } catch (MetricsThrottledException e) {
        t.throttled++;
        Duration wait = e.retryAfter() == null ? Duration.ofSeconds(5) : e.retryAfter();
        if (attempt > 1 || wait.compareTo(config.maxRetryAfter()) > 0) {
          throw new Throttled(
              "throttled by Azure Monitor (Retry-After "
                  + wait.toSeconds()
                  + " s): the rest waits for the next run");
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new Throttled("interrupted while waiting for Retry-After");
        }
      }
    }
  }

  private static String pairKey(String resourceId, String metric) {
    return ResourceIds.key(resourceId) + "|" + metric.toLowerCase(Locale.ROOT);
  }
}
