package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableClient;
import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.ConnectionString;
import dev.tollgate.appinsights.HttpIngestionClient;
import dev.tollgate.appinsights.TrackDelivery;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.monitor.testing.LocalAzure;
import dev.tollgate.monitor.testing.LocalPublisher;
import dev.tollgate.monitor.testing.LocalTls;
import dev.tollgate.monitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poller against the real SDK clients (MetricsClient, MonitorManager, Table storage) over https
 * to {@link LocalAzure}, watermarks in a real Azurite, items to the fake ingestion endpoint.
 */
@ExtendWith(AzuriteExtension.class)
class MetricsPollerAzuriteTest {
  static final String SUB = "11111111-2222-3333-4444-555555555555";
  static final String A1 = account("rg-ai", "aoai-east-1");
  static final String A2 = account("rg-ai", "aoai-east-2");
  static final String A3 = account("rg-ptu", "aoai-weu-ptu");
  static final List<String> ALL_DIMS =
      List.of("ModelDeploymentName", "ModelName", "ModelVersion", "StatusCode");
  static final List<String> TOKEN_DIMS =
      List.of("ModelDeploymentName", "ModelName", "ModelVersion");
  static final Instant T0 = Instant.parse("2026-03-02T10:00:30Z");

  LocalAzure azure;
  FakeIngestionServer ingestion;
  MutableClock clock;
  TableClient table;
  Jobs jobs;

  static String account(String rg, String name) {
    return "/subscriptions/"
        + SUB
        + "/resourceGroups/"
        + rg
        + "/providers/Microsoft.CognitiveServices/accounts/"
        + name;
  }

  /** Deterministic "platform" numbers; about one minute in seven has no data. */
  static Double truth(String resourceId, String metric, Instant minute, Map<String, String> dims) {
    long h =
        Long.parseLong(
            ItemIds.hash(resourceId.toLowerCase(Locale.ROOT), metric, dims.toString())
                .substring(0, 6),
            16);
    long m = minute.getEpochSecond() / 60;
    if ((m + h) % 7 == 0) {
      return null;
    }
    return (double) (1 + (m * 31 + h) % 97);
  }

  @BeforeEach
  void setUp(Azurite azurite) throws Exception {
    azure = LocalAzure.start();
    azure.truth(MetricsPollerAzuriteTest::truth);
    var d1 =
        new LocalAzure.Deployment(
            "gpt-4o", "gpt-4o", "2024-11-20", "GlobalStandard", 100, List.of("200", "429"));
    var d2 =
        new LocalAzure.Deployment(
            "embed", "text-embedding-3-small", "1", "Standard", 50, List.of("200"));
    var ptu =
        new LocalAzure.Deployment(
            "gpt-4o-ptu", "gpt-4o", "2024-08-06", "ProvisionedManaged", 50, List.of("200"));
    Map<String, List<String>> standard = new TreeMap<>();
    standard.put("AzureOpenAIRequests", ALL_DIMS);
    standard.put("ProcessedPromptTokens", TOKEN_DIMS);
    standard.put("GeneratedTokens", TOKEN_DIMS);
    Map<String, List<String>> provisioned = new TreeMap<>(standard);
    provisioned.put("AzureOpenAIProvisionedManagedUtilizationV2", TOKEN_DIMS);
    azure.account(new LocalAzure.AccountSpec(A1, "eastus", "OpenAI", standard, List.of(d1, d2)));
    azure.account(new LocalAzure.AccountSpec(A2, "eastus", "AIServices", standard, List.of(d1)));
    azure.account(
        new LocalAzure.AccountSpec(A3, "westeurope", "OpenAI", provisioned, List.of(ptu)));
    ingestion = FakeIngestionServer.builder().start();
    clock = new MutableClock(T0);
    table =
        TableConnection.ofConnectionString(azurite.connectionString())
            .table("wm" + Long.toHexString(System.nanoTime()));
    jobs =
        Jobs.create(
            azure.endpoint(),
            azure.endpoint(),
            List.of(),
            List.of(),
            List.of(A1, A2, A3),
            LocalTls.CREDENTIAL,
            LocalTls.get().httpClient(),
            0,
            Duration.ofMillis(10));
  }

  @AfterEach
  void tearDown() {
    azure.close();
    ingestion.close();
  }

  MetricsPoller.Config config() {
    return new MetricsPoller.Config(
        List.of(
            "AzureOpenAIRequests",
            "ProcessedPromptTokens",
            "GeneratedTokens",
            "AzureOpenAIProvisionedManagedUtilizationV2"),
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        Duration.ofMinutes(20),
        24,
        Duration.ofMinutes(10),
        Duration.ofSeconds(30));
  }

  MetricsOutput output() {
    HttpIngestionClient client =
        HttpIngestionClient.builder()
            .connectionString(ConnectionString.parse(ingestion.connectionString()))
            .timeout(Duration.ofSeconds(5))
            .build();
    AppInsightsPublisher publisher =
        new AppInsightsPublisher(
            TrackDelivery.builder().client(client).sleeper(d -> {}).build(),
            ingestion.instrumentationKey(),
            null);
    return MetricsOutput.appInsights(publisher);
  }

  MetricsPoller poller(MetricsOutput output, List<Duration> slept) {
    return new MetricsPoller(
        config(),
        jobs.accounts(),
        jobs.definitions(),
        jobs.metrics(),
        new WatermarkStore(table),
        output,
        clock,
        slept::add);
  }

  /** Every item id the platform data should give over [from, to). */
  static Map<String, Double> expected(Instant from, Instant to) {
    Map<String, Double> out = new HashMap<>();
    Map<String, List<Object[]>> accounts = new TreeMap<>();
    accounts.put(
        A1,
        List.<Object[]>of(
            new Object[] {"gpt-4o", "gpt-4o", "2024-11-20", List.of("200", "429")},
            new Object[] {"embed", "text-embedding-3-small", "1", List.of("200")}));
    accounts.put(
        A2,
        List.<Object[]>of(new Object[] {"gpt-4o", "gpt-4o", "2024-11-20", List.of("200", "429")}));
    accounts.put(
        A3, List.<Object[]>of(new Object[] {"gpt-4o-ptu", "gpt-4o", "2024-08-06", List.of("200")}));
    for (var a : accounts.entrySet()) {
      List<String> metrics =
          new ArrayList<>(
              List.of("AzureOpenAIRequests", "ProcessedPromptTokens", "GeneratedTokens"));
      if (a.getKey().equals(A3)) {
        metrics.add("AzureOpenAIProvisionedManagedUtilizationV2");
      }
      for (String metric : metrics) {
        for (Object[] d : a.getValue()) {
          @SuppressWarnings("unchecked")
          List<String> statuses =
              metric.equals("AzureOpenAIRequests") ? (List<String>) d[3] : List.of("");
          for (String status : statuses) {
            Map<String, String> full = new TreeMap<>();
            full.put("ModelDeploymentName", (String) d[0]);
            full.put("ModelName", (String) d[1]);
            full.put("ModelVersion", (String) d[2]);
            if (!status.isEmpty()) {
              full.put("StatusCode", status);
            }
            Map<String, String> lower = new TreeMap<>();
            full.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
              Double v = truth(a.getKey(), metric, t, full);
              if (v != null) {
                out.put(PlatformMetrics.itemId(a.getKey(), metric, t, lower), v);
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Metric items accepted: id → values (one per acceptance). */
  Map<String, List<Double>> accepted() {
    Map<String, List<Double>> out = new HashMap<>();
    for (var item : ingestion.acceptedItems()) {
      if (item.itemId() != null && item.itemId().startsWith("pm:")) {
        out.computeIfAbsent(item.itemId(), k -> new ArrayList<>())
            .add(item.baseData().path("metrics").get(0).path("value").asDouble());
      }
    }
    return out;
  }

  /** Thrown by the output to stand for the process dying right after delivering. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void everyClosedMinuteIsWrittenExactlyOnceThroughFaultsMissedRunsAKillAndConcurrentRuns()
      throws Exception {
    List<Duration> slept = new ArrayList<>();
    Instant first =
        MetricsPoller.closedEnd(T0, Duration.ofMinutes(5)).minus(Duration.ofMinutes(30));

    // Run 1: a 429 with a short Retry-After is waited for; one metric has an errorCode in the
    // 200 and keeps its watermark.
    azure.throttleNext(2).failMetric(A1, "GeneratedTokens", 1);
    MetricsPoller.Report r1 = poller(output(), slept).run();
    assertThat(r1.throttled()).as(r1 + " " + azure.requests()).isEqualTo(1);
    assertThat(slept).containsExactly(Duration.ofSeconds(2));
    assertThat(r1.metricsUndefined()).isEqualTo(2); // PTU utilization on the two standard accounts
    assertThat(r1.errors())
        .anyMatch(e -> e.contains("GeneratedTokens") && e.contains("InternalServerError"));
    WatermarkStore store = new WatermarkStore(table);
    assertThat(store.watermark(A1, "GeneratedTokens")).isEqualTo(first);
    assertThat(store.watermark(A1, "AzureOpenAIRequests")).isEqualTo(r1.closedEnd());
    // One call per region (and per split): eastus and westeurope never share a call.
    assertThat(azure.batchRequests())
        .allSatisfy(
            q ->
                assertThat(q.body().contains("aoai-east") && q.body().contains("aoai-weu"))
                    .isFalse());

    // Two scheduled runs are missed: the next run catches up in several calls.
    clock.advance(Duration.ofMinutes(17));
    MetricsPoller.Report r2 = poller(output(), slept).run();
    assertThat(r2.errors()).isEmpty();
    assertThat(r2.calls()).isGreaterThanOrEqualTo(4); // 2 regions x 2 splits, each in >1 span
    assertThat(r2.minutesAdvanced()).isGreaterThan(17 * 9);
    assertThat(store.watermark(A1, "GeneratedTokens")).isEqualTo(r2.closedEnd());

    // A run dies right after its output was delivered, before any watermark moved.
    clock.advance(Duration.ofMinutes(6));
    MetricsOutput real = output();
    AtomicBoolean killedOnce = new AtomicBoolean();
    MetricsOutput dying =
        points -> {
          int rejected = real.write(points);
          if (!points.isEmpty() && killedOnce.compareAndSet(false, true)) {
            throw new Killed();
          }
          return rejected;
        };
    Instant beforeKill = store.watermark(A1, "AzureOpenAIRequests");
    assertThatThrownBy(() -> poller(dying, slept).run()).isInstanceOf(Killed.class);
    assertThat(store.watermark(A1, "AzureOpenAIRequests")).isEqualTo(beforeKill);
    // Its claims hold until the lease ends: a run within the lease leaves those metrics alone.
    clock.advance(Duration.ofMinutes(2));
    MetricsPoller.Report busy = poller(output(), slept).run();
    assertThat(busy.busy()).isPositive();
    clock.advance(Duration.ofMinutes(9));
    poller(output(), slept).run();
    Map<String, Integer> duplicatesAfterKill = ingestion.duplicateAcceptances();

    // Two runs at once: the claims split the work, nothing is written twice.
    clock.advance(Duration.ofMinutes(7));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<MetricsPoller.Report>> both = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      MetricsPoller p = poller(output(), slept);
      both.add(
          pool.submit(
              () -> {
                go.await();
                return p.run();
              }));
    }
    go.countDown();
    int polled = 0;
    for (Future<MetricsPoller.Report> f : both) {
      polled += f.get(60, TimeUnit.SECONDS).metricsPolled();
    }
    pool.shutdown();
    assertThat(polled).isEqualTo(10);
    assertThat(ingestion.duplicateAcceptances()).isEqualTo(duplicatesAfterKill);

    // Afterwards: every minute of the range, per series, is there once by item id, with the
    // platform's value; nothing else was written.
    Instant last = MetricsPoller.closedEnd(clock.instant(), Duration.ofMinutes(5));
    Map<String, Double> expected = expected(first, last);
    assertThat(expected).hasSizeGreaterThan(500);
    // Metric definitions were read once per resource (and skipped what a resource lacks).
    assertThat(azure.requests().stream().filter(q -> q.path().endsWith("metricDefinitions")))
        .hasSize(3);
    Map<String, List<Double>> got = accepted();
    assertThat(got.keySet()).isEqualTo(expected.keySet());
    for (var e : got.entrySet()) {
      assertThat(e.getValue()).allMatch(v -> v.equals(expected.get(e.getKey())));
    }
    // Only the killed run's delivery came twice (same ids, same values), never more.
    assertThat(duplicatesAfterKill).isNotEmpty().allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
    Set<String> killedWindowIds = new HashSet<>(duplicatesAfterKill.keySet());
    assertThat(killedWindowIds).isSubsetOf(expected.keySet());
    assertThat(ingestion.fixtureFailures()).isEmpty();
  }

  @Test
  void aLongRetryAfterEndsTheRunWithoutMovingAWatermark_theNextRunDoesTheMinutes()
      throws Exception {
    azure.throttleNext(120);
    List<Duration> slept = new ArrayList<>();
    MetricsPoller.Report r = poller(output(), slept).run();

    assertThat(slept).isEmpty();
    assertThat(r.errors()).anyMatch(e -> e.contains("Retry-After 120 s"));
    WatermarkStore store = new WatermarkStore(table);
    Instant first = r.closedEnd().minus(Duration.ofMinutes(30));
    // The group that was throttled kept its watermarks; nothing of it was written.
    long unmoved =
        java.util.stream.Stream.of(A1, A2)
            .filter(a -> first.equals(store.watermark(a, "AzureOpenAIRequests")))
            .count();
    assertThat(unmoved).isEqualTo(2);

    MetricsPoller.Report again = poller(output(), slept).run();
    assertThat(again.errors()).isEmpty();
    assertThat(accepted().keySet()).isEqualTo(expected(first, r.closedEnd()).keySet());
    assertThat(ingestion.duplicateAcceptances()).isEmpty();
  }

  @Test
  void theHandlerSendsAHealthEventForTheTimer() {
    AppInsightsPublisher publisher = LocalPublisher.to(ingestion);
    MetricsPollerHandler handler =
        new MetricsPollerHandler(poller(output(), new ArrayList<>()), publisher, clock);

    MetricsPoller.Report r = handler.run(java.util.logging.Logger.getAnonymousLogger());

    assertThat(ingestion.acceptedItems())
        .filteredOn(i -> "TollgatePipelineHealth".equals(i.baseData().path("name").asText()))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.property("tollgate.source")).isEqualTo("timer:metrics-poller");
              assertThat(i.property("tollgate.metrics_sent"))
                  .isEqualTo(String.valueOf(r.pointsWritten()));
              assertThat(i.property("tollgate.lag_seconds")).isNotNull();
            });
  }
}
