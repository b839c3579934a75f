package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableClient;
import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.loganalytics.LogsQuery;
import dev.tollgate.loganalytics.LogsQueryResult;
import dev.tollgate.monitor.testing.LocalAzure;
import dev.tollgate.monitor.testing.LocalPublisher;
import dev.tollgate.monitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reconciliation catch-up: the watermark in a real Azurite table, the platform side through the
 * real MetricsClient against {@link LocalAzure}, the gateway side as rows from a fake {@link
 * LogsQuery} (which records the windows it was asked for), events to the fake ingestion endpoint.
 */
@ExtendWith(AzuriteExtension.class)
class ReconciliationCatchUpAzuriteTest {
  static final String ACCOUNT = ReconcilerTest.ACCOUNT;
  // With the default PT1H window and PT20M delay the last closed window is 10:00-11:00.
  static final Instant NOW = Instant.parse("2026-03-02T11:25:00Z");

  LocalAzure azure;
  FakeIngestionServer ingestion;
  TableClient table;
  WatermarkStore store;
  MutableClock clock;
  final List<Instant> queried = new ArrayList<>();
  final Set<Instant> failing = new HashSet<>();

  @BeforeEach
  void setUp(Azurite azurite) throws Exception {
    azure = ReconcilerTest.platform();
    ingestion = FakeIngestionServer.builder().start();
    table =
        TableConnection.ofConnectionString(azurite.connectionString())
            .table("recon" + Long.toHexString(System.nanoTime()));
    store = new WatermarkStore(table);
    clock = new MutableClock(NOW);
  }

  @AfterEach
  void tearDown() {
    azure.close();
    ingestion.close();
  }

  ReconciliationHandler handler() {
    LogsQuery logs =
        (workspace, kql, span) -> {
          Instant start = span.start();
          queried.add(start);
          if (failing.contains(start)) {
            throw new IllegalStateException("Log Analytics unavailable for " + start);
          }
          List<Map<String, Object>> rows =
              List.of(
                  ReconcilerTest.gatewayRow("chat", 420, 29_400, 12_600, 0),
                  ReconcilerTest.gatewayRow("embed", 300, 12_000, 0, 0));
          return LogsQueryResult.complete(List.copyOf(rows.get(0).keySet()), rows);
        };
    Reconciler reconciler = ReconcilerTest.reconciler(azure, logs);
    AppInsightsPublisher publisher = LocalPublisher.to(ingestion);
    return new ReconciliationHandler(reconciler, publisher, store, clock);
  }

  Instant watermark() {
    return store.watermark(
        ReconciliationHandler.WATERMARK_RESOURCE, ReconciliationHandler.WATERMARK_METRIC);
  }

  static Instant at(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z");
  }

  static List<Instant> starts(List<Reconciler.Report> reports) {
    return reports.stream().map(Reconciler.Report::windowStart).toList();
  }

  /** Item id per deployment of the accepted reconciliation events of the window {@code start}. */
  Map<String, String> ids(Instant start) {
    Map<String, String> out = new TreeMap<>();
    ingestion.acceptedItems().stream()
        .filter(i -> Reconciler.EVENT.equals(i.baseData().path("name").asText()))
        .filter(i -> start.toString().equals(i.property("tollgate.reconciliation.window_start")))
        .forEach(
            i -> {
              String previous =
                  out.put(i.property("azure.openai.deployment"), i.property("tollgate.item_id"));
              assertThat(previous == null || previous.equals(i.property("tollgate.item_id")))
                  .as("same window, same deployment, same id")
                  .isTrue();
            });
    return out;
  }

  long events(Instant start) {
    return ingestion.acceptedItems().stream()
        .filter(i -> Reconciler.EVENT.equals(i.baseData().path("name").asText()))
        .filter(i -> start.toString().equals(i.property("tollgate.reconciliation.window_start")))
        .count();
  }

  @Test
  void firstRunWithoutWatermarkReconcilesOnlyTheLastClosedWindow() {
    assertThat(watermark()).isNull();

    List<Reconciler.Report> reports = handler().runWindows(Logger.getAnonymousLogger());

    assertThat(starts(reports)).containsExactly(at("10:00"));
    assertThat(queried).containsExactly(at("10:00"));
    assertThat(watermark()).isEqualTo(at("11:00"));
    assertThat(ids(at("10:00"))).containsOnlyKeys("chat", "embed");
  }

  @Test
  void twoMissedRunsAreCaughtUpOldestFirst() {
    ReconciliationHandler h = handler();
    h.runWindows(Logger.getAnonymousLogger());
    assertThat(watermark()).isEqualTo(at("11:00"));
    queried.clear();

    // The runs at 12:25 and 13:25 never happened.
    clock.advance(Duration.ofHours(3));
    List<Reconciler.Report> reports = h.runWindows(Logger.getAnonymousLogger());

    assertThat(starts(reports)).containsExactly(at("11:00"), at("12:00"), at("13:00"));
    assertThat(reports.get(2).windowEnd()).isEqualTo(at("14:00"));
    assertThat(queried).containsExactly(at("11:00"), at("12:00"), at("13:00"));
    assertThat(watermark()).isEqualTo(at("14:00"));
    for (String s : List.of("11:00", "12:00", "13:00")) {
      assertThat(ids(at(s))).as(s).containsOnlyKeys("chat", "embed");
    }
    assertThat(ingestion.acceptedItems())
        .filteredOn(i -> TimerHealth.EVENT.equals(i.baseData().path("name").asText()))
        .last()
        .satisfies(i -> assertThat(i.property("tollgate.reconciliation.windows")).isEqualTo("3"));

    // Caught up: the next run at the same time has nothing left to do.
    queried.clear();
    assertThat(h.runWindows(Logger.getAnonymousLogger())).isEmpty();
    assertThat(queried).isEmpty();
    assertThat(watermark()).isEqualTo(at("14:00"));
  }

  @Test
  void catchUpIsCappedPerRun() {
    ReconciliationHandler h = handler();
    h.runWindows(Logger.getAnonymousLogger());
    clock.advance(Duration.ofHours(ReconciliationHandler.MAX_WINDOWS + 6));

    List<Reconciler.Report> reports = h.runWindows(Logger.getAnonymousLogger());

    assertThat(reports).hasSize(ReconciliationHandler.MAX_WINDOWS);
    assertThat(reports.get(0).windowStart()).isEqualTo(at("11:00"));
    assertThat(watermark()).isEqualTo(at("11:00").plus(Duration.ofHours(24)));
  }

  @Test
  void aFailingWindowKeepsTheWatermarkAndIsRetriedNextRun() {
    ReconciliationHandler h = handler();
    h.runWindows(Logger.getAnonymousLogger());
    clock.advance(Duration.ofHours(3));
    failing.add(at("11:00"));
    queried.clear();

    assertThatThrownBy(() -> h.runWindows(Logger.getAnonymousLogger()))
        .hasMessageContaining("Log Analytics unavailable");
    assertThat(queried).containsExactly(at("11:00"));
    assertThat(watermark()).isEqualTo(at("11:00"));
    assertThat(events(at("11:00"))).isZero();
    assertThat(ingestion.acceptedItems())
        .filteredOn(i -> TimerHealth.EVENT.equals(i.baseData().path("name").asText()))
        .last()
        .satisfies(i -> assertThat(i.property("tollgate.errors")).isEqualTo("1"));

    // A failure in a later window keeps the windows before it.
    failing.clear();
    failing.add(at("12:00"));
    queried.clear();
    assertThatThrownBy(() -> h.runWindows(Logger.getAnonymousLogger()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(queried).containsExactly(at("11:00"), at("12:00"));
    assertThat(watermark()).isEqualTo(at("12:00"));

    // The claim was released: the next run (no lease wait) retries from the failed window.
    failing.clear();
    queried.clear();
    List<Reconciler.Report> reports = h.runWindows(Logger.getAnonymousLogger());
    assertThat(starts(reports)).containsExactly(at("12:00"), at("13:00"));
    assertThat(watermark()).isEqualTo(at("14:00"));
  }

  @Test
  void reRunningAWindowGivesTheSameEventIds() {
    ReconciliationHandler h = handler();
    h.runWindows(Logger.getAnonymousLogger());
    Map<String, String> first = ids(at("10:00"));
    assertThat(first).containsOnlyKeys("chat", "embed");
    assertThat(first.values()).allSatisfy(id -> assertThat(id).startsWith("recon:h"));
    assertThat(first.get("chat")).isNotEqualTo(first.get("embed"));

    // The run died after publishing, before its watermark was written: the row is gone and the
    // next run reconciles the same window again.
    table.deleteEntity(
        WatermarkStore.PARTITION,
        WatermarkStore.rowKey(
            ReconciliationHandler.WATERMARK_RESOURCE, ReconciliationHandler.WATERMARK_METRIC));
    assertThat(watermark()).isNull();
    List<Reconciler.Report> again = h.runWindows(Logger.getAnonymousLogger());

    assertThat(starts(again)).containsExactly(at("10:00"));
    assertThat(events(at("10:00"))).isEqualTo(4);
    assertThat(ids(at("10:00"))).isEqualTo(first);

    // Another window, other ids.
    clock.advance(Duration.ofHours(1));
    h.runWindows(Logger.getAnonymousLogger());
    Map<String, String> next = ids(at("11:00"));
    assertThat(next).containsOnlyKeys("chat", "embed");
    assertThat(next.values()).doesNotContainAnyElementsOf(first.values());
  }
}
