package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.AppInsightsSettings;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.azure.BlobReportStore;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics;
import dev.tollgate.loganalytics.testing.LocalLogAnalytics.Answer;
import dev.tollgate.loganalytics.testing.WorkspaceRows;
import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.CostReport;
import dev.tollgate.reports.RecordSink;
import dev.tollgate.reports.ReportFile;
import dev.tollgate.reports.ReportPeriod;
import dev.tollgate.reports.ReportSource;
import dev.tollgate.reports.ReportStore;
import dev.tollgate.reports.RequestLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cost report timer's handler, with records handed in by a test source. */
@ExtendWith(AzuriteExtension.class)
class CostReportHandlerTest {
  /** Monday 2026-11-23, 06:00 UTC: reports end on Sunday 2026-11-22. */
  private static final Instant MONDAY = Instant.parse("2026-11-23T06:00:00Z");

  private static final Instant TUESDAY = Instant.parse("2026-11-24T06:00:00Z");

  /** Requests of 2026-11-22 (0.5 + 0.25 USD, team-a) and 2026-11-02 (2 USD, team-b). */
  private static final List<String> LINES =
      List.of(
          "{\"time\":\"2026-11-22T10:00:00Z\",\"tollgate.llm\":true,\"apim.subscription_id\":\"team-a\","
              + "\"tollgate.cost.usd\":0.5,\"tollgate.item_id\":\"req:1\"}",
          "{\"time\":\"2026-11-22T11:00:00Z\",\"tollgate.llm\":true,\"apim.subscription_id\":\"team-a\","
              + "\"tollgate.cost.usd\":0.25,\"tollgate.item_id\":\"req:2\"}",
          "{\"time\":\"2026-11-02T11:00:00Z\",\"tollgate.llm\":true,\"apim.subscription_id\":\"team-b\","
              + "\"tollgate.cost.usd\":2,\"tollgate.item_id\":\"req:3\"}");

  /** Hands over the lines above, remembering the days it was asked for. */
  static final class ListSource implements ReportSource {
    final List<String> asked = new ArrayList<>();

    @Override
    public void read(LocalDate from, LocalDate to, RecordSink sink) {
      asked.add(from + ".." + to);
      for (String l : LINES) {
        try {
          sink.accept(RequestLineReader.parse(l));
        } catch (RequestLineReader.MalformedLineException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public String description() {
      return "test lines";
    }
  }

  /** Keeps files in memory. */
  static final class MapStore implements ReportStore {
    final Map<String, ReportFile> files = new LinkedHashMap<>();

    @Override
    public String write(ReportFile file) {
      files.put(file.name(), file);
      return "mem:" + file.name();
    }
  }

  private static CostReportHandler handler(ReportSource source, ReportStore store) {
    return new CostReportHandler(
        source,
        store,
        Budgets.parse("team-a=10,team-b=2.5"),
        EnumSet.allOf(ReportPeriod.Kind.class));
  }

  @Test
  void aMondayRunWritesDailyWeeklyAndMonthToDateForSunday() {
    MapStore store = new MapStore();
    List<String> log = new ArrayList<>();
    List<CostReport> reports = handler(new ListSource(), store).run(MONDAY, CapturingLog.to(log));

    assertThat(reports)
        .extracting(r -> r.period().name())
        .containsExactly("daily", "weekly", "mtd");
    assertThat(reports.get(0).costUsd()).isEqualByComparingTo("0.75");
    assertThat(reports.get(1).period().from()).isEqualTo(LocalDate.of(2026, 11, 16));
    assertThat(reports.get(2).costUsd()).isEqualByComparingTo("2.75");
    // team-b: 2 USD by Nov 22 (22 of 30 days) -> 2 * 30 / 22 = 2.727273 > 2.5: at risk.
    assertThat(reports.get(2).eventProperties())
        .containsEntry("tollgate.budget.teams_at_risk", "1")
        .containsEntry("tollgate.report.to", "2026-11-22");
    assertThat(store.files.keySet())
        .hasSize(39)
        .contains(
            "reports/2026/11/22/daily-cost-report.html",
            "reports/2026/11/22/weekly-cost-report.html",
            "reports/2026/11/22/mtd-cost-summary.json");
    assertThat(log).hasSize(3).allMatch(l -> l.startsWith("CostReport "));
    assertThat(log.get(0)).contains("0.75 USD", "tollgate.report.period=daily");
  }

  @Test
  void otherDaysHaveNoWeeklyReportAndPeriodsFollowTheSetting() {
    CostReportHandler all = handler(new ListSource(), new MapStore());
    assertThat(all.due(TUESDAY))
        .containsExactly(
            ReportPeriod.daily(LocalDate.of(2026, 11, 23)),
            ReportPeriod.monthToDate(LocalDate.of(2026, 11, 23)));
    // On the 1st, the month to date is the whole previous month.
    assertThat(all.due(Instant.parse("2026-12-01T06:00:00Z")))
        .contains(ReportPeriod.monthToDate(LocalDate.of(2026, 11, 30)));

    CostReportHandler dailyOnly =
        new CostReportHandler(
            new ListSource(),
            new MapStore(),
            Budgets.none(),
            CostReportSettings.periods(Map.of(CostReportSettings.PERIODS, "daily")));
    assertThat(dailyOnly.due(MONDAY))
        .containsExactly(ReportPeriod.daily(LocalDate.of(2026, 11, 22)));
    assertThatThrownBy(
            () -> CostReportSettings.periods(Map.of(CostReportSettings.PERIODS, "hourly")))
        .hasMessageContaining(CostReportSettings.PERIODS)
        .hasMessageContaining("hourly");
    assertThatThrownBy(() -> CostReportSettings.budgets(Map.of(CostReportSettings.BUDGETS, "a=x")))
        .hasMessageContaining(CostReportSettings.BUDGETS);
  }

  @Test
  void theSourceIsAskedForThePreviousPeriodAndTheMonthToo() {
    ListSource source = new ListSource();
    handler(source, new MapStore()).run(TUESDAY, CapturingLog.to(new ArrayList<>()));
    // Daily Nov 23: previous day Nov 22, month from Nov 1. Month to date Nov 1-23: previous
    // period Oct 9-31.
    assertThat(source.asked).containsExactly("2026-11-01..2026-11-23", "2026-10-09..2026-11-23");
  }

  @Test
  void withoutADataSourceNothingIsWrittenAndTheLogSaysWhy(Azurite azurite) {
    Map<String, String> env = new HashMap<>(azurite.storageSettings());
    String container = "reports-" + UUID.randomUUID();
    env.put(CostReportSettings.CONTAINER, container);
    List<String> log = new ArrayList<>();

    List<CostReport> reports =
        CostReportHandler.fromSettings(env).run(MONDAY, CapturingLog.to(log));

    assertThat(reports).isEmpty();
    assertThat(log)
        .singleElement()
        .asString()
        .contains("TOLLGATE_LA_WORKSPACE_ID is not set", "no report was written");
    assertThat(azurite.blobServiceClient().getBlobContainerClient(container).exists()).isFalse();
  }

  @Test
  void reportBlobsLandInAzurite(Azurite azurite) {
    BlobReportStore store =
        BlobReportStore.create(azurite.blobServiceClient(), "reports-" + UUID.randomUUID());
    handler(new ListSource(), store).run(TUESDAY, CapturingLog.to(new ArrayList<>()));

    BlobContainerClient c = store.container();
    assertThat(c.listBlobs().stream().map(BlobItem::getName))
        .hasSize(26)
        .contains(
            "reports/2026/11/23/daily-cost-report.html", "reports/2026/11/23/mtd-budgets.csv");
    assertThat(c.getBlobClient("reports/2026/11/23/mtd-budgets.csv").downloadContent().toString())
        .contains("team-b,2.5,2,2.608696,0.8000,1.0435,at_risk");
  }

  @Test
  void aFailedWriteFailsTheRun() {
    ReportStore broken =
        f -> {
          throw new IOException("storage says no");
        };
    assertThatThrownBy(
            () -> handler(new ListSource(), broken).run(MONDAY, CapturingLog.to(new ArrayList<>())))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write the report")
        .hasRootCauseMessage("storage says no");
  }

  @Test
  void fromSettingsReadsTheWorkspaceWritesTheReportAndSendsItsEvent(Azurite azurite) {
    // The source skips days not yet begun by the real clock, so the run is today's.
    Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(6, ChronoUnit.HOURS);
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
    LocalDate readFrom =
        day.withDayOfMonth(1).isBefore(day) ? day.withDayOfMonth(1) : day.minusDays(1);
    try (LocalLogAnalytics la = new LocalLogAnalytics();
        FakeIngestionServer ai = FakeIngestionServer.builder().start()) {
      for (LocalDate d = readFrom; d.isBefore(day); d = d.plusDays(1)) {
        la.answer(Answer.json(200, WorkspaceRows.body(List.of())));
      }
      la.answer(
          Answer.json(
              200,
              WorkspaceRows.body(
                  List.of(
                      WorkspaceRows.call(
                          day + "T10:00:00Z",
                          "req:1",
                          "team-a",
                          "gpt-4o",
                          "gpt-4o-2024-11-20",
                          100,
                          10,
                          0.5,
                          ""),
                      WorkspaceRows.call(
                          day + "T11:00:00Z",
                          "req:2",
                          "team-b",
                          "gpt-4o",
                          "gpt-4o-2024-11-20",
                          100,
                          10,
                          0.25,
                          "")))));
      Map<String, String> env = new HashMap<>(azurite.storageSettings());
      String container = "reports-" + UUID.randomUUID();
      env.put(CostReportSettings.CONTAINER, container);
      env.put(CostReportSettings.PERIODS, "daily");
      env.put(LogAnalyticsSettings.WORKSPACE_ID, "63613592-b6f7-4c3d-a390-22ba13102111");
      env.put(LogAnalyticsSettings.ENDPOINT, la.endpoint());
      env.put(AppInsightsSettings.CONNECTION_STRING, ai.connectionString());
      List<String> endpoints = new ArrayList<>();
      List<String> log = new ArrayList<>();

      List<CostReport> reports =
          CostReportHandler.fromSettings(
                  env,
                  e -> {
                    endpoints.add(LogAnalyticsSettings.endpoint(e));
                    return la.client(LogAnalyticsSettings.endpoint(e));
                  },
                  AppInsightsPublisher::fromSettings)
              .run(now, CapturingLog.to(log));

      assertThat(endpoints).containsExactly(la.endpoint());
      assertThat(la.requests()).hasSize((int) ChronoUnit.DAYS.between(readFrom, day) + 1);
      assertThat(reports)
          .singleElement()
          .satisfies(r -> assertThat(r.costUsd()).isEqualByComparingTo("0.75"));
      assertThat(log).singleElement().asString().contains("0.75 USD").contains("read 2 rows in");
      String prefix = "reports/" + day.toString().replace('-', '/') + "/";
      assertThat(
              azurite
                  .blobServiceClient()
                  .getBlobContainerClient(container)
                  .getBlobClient(prefix + "daily-cost-report.html")
                  .exists())
          .isTrue();
      assertThat(ai.acceptedItems())
          .singleElement()
          .satisfies(
              item -> {
                assertThat(item.baseData().get("name").asText()).isEqualTo(CostReport.EVENT_NAME);
                assertThat(item.itemId()).isEqualTo("report:daily:" + day + ":" + day);
                assertThat(item.property("tollgate.cost.usd")).isEqualTo("0.75");
                assertThat(item.property("tollgate.report.period")).isEqualTo("daily");
              });
    }
  }

  @Test
  void anEventThatCannotBeDeliveredFailsTheRunAfterTheReportsAreWritten() {
    try (FakeIngestionServer ai = FakeIngestionServer.builder().start()) {
      AppInsightsPublisher publisher =
          AppInsightsPublisher.fromSettings(
                  Map.of(AppInsightsSettings.CONNECTION_STRING, ai.connectionString()))
              .orElseThrow();
      ai.enqueue(FakeIngestionServer.Answer.dailyCapExceeded());
      MapStore store = new MapStore();
      CostReportHandler h =
          new CostReportHandler(
              new ListSource(),
              store,
              Budgets.none(),
              EnumSet.of(ReportPeriod.Kind.DAILY),
              publisher);
      List<String> log = new ArrayList<>();

      assertThatThrownBy(() -> h.run(MONDAY, CapturingLog.to(log)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("TollgateCostReport event(s) not delivered");
      assertThat(store.files).isNotEmpty();
      assertThat(log).anyMatch(l -> l.contains("CostReport event not delivered"));
    }
  }
}
