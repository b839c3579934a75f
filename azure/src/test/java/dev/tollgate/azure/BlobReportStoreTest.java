package dev.tollgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.CostReport;
import dev.tollgate.reports.CostReportBuilder;
import dev.tollgate.reports.ReportFile;
import dev.tollgate.reports.ReportFiles;
import dev.tollgate.reports.ReportPeriod;
import dev.tollgate.reports.RequestLineReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class BlobReportStoreTest {
  private static String container() {
    return "reports-" + UUID.randomUUID();
  }

  /** Two priced requests of 2026-11-21: 0.00725 + 0.0154 = 0.02265 USD. */
  private static CostReport report() throws Exception {
    CostReportBuilder b =
        new CostReportBuilder(ReportPeriod.daily(LocalDate.of(2026, 11, 21)), Budgets.none());
    b.accept(
        RequestLineReader.parse(
            "{\"time\":\"2026-11-21T08:00:00Z\",\"tollgate.llm\":true,\"apim.subscription_id\":"
                + "\"team-a\",\"tollgate.cost.usd\":0.00725,\"tollgate.item_id\":\"req:1\"}"));
    b.accept(
        RequestLineReader.parse(
            "{\"time\":\"2026-11-21T09:00:00Z\",\"tollgate.llm\":true,\"apim.subscription_id\":"
                + "\"team-b, \\\"ops\\\"\",\"tollgate.cost.usd\":0.0154,\"tollgate.item_id\":\"req:2\"}"));
    return b.build(Instant.parse("2026-11-22T06:00:00Z"), "test");
  }

  @Test
  void everyReportFileLandsInANewContainerByDateWithItsContentType(Azurite azurite)
      throws Exception {
    BlobReportStore store = BlobReportStore.create(azurite.blobServiceClient(), container());

    List<String> urls = ReportFiles.write(report(), store);

    BlobContainerClient c = store.container();
    List<String> names = c.listBlobs().stream().map(BlobItem::getName).sorted().toList();
    assertThat(names)
        .hasSize(13)
        .allMatch(n -> n.startsWith("reports/2026/11/21/daily-"))
        .contains(
            "reports/2026/11/21/daily-cost-report.html",
            "reports/2026/11/21/daily-cost-summary.json",
            "reports/2026/11/21/daily-by-team.csv",
            "reports/2026/11/21/daily-gateway-bypass.csv");
    assertThat(urls.get(0)).endsWith("/reports/2026/11/21/daily-cost-report.html");
    var html = c.getBlobClient("reports/2026/11/21/daily-cost-report.html");
    assertThat(html.getProperties().getContentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(html.downloadContent().toString()).startsWith("<!DOCTYPE html>").contains("$0.02");
    String csv =
        new String(
            c.getBlobClient("reports/2026/11/21/daily-by-team.csv").downloadContent().toBytes(),
            StandardCharsets.UTF_8);
    assertThat(csv).contains("\"team-b, \"\"ops\"\"\"").contains("0.0154\r\n");
    assertThat(
            c.getBlobClient("reports/2026/11/21/daily-by-team.csv")
                .getProperties()
                .getContentType())
        .startsWith("text/csv");
  }

  @Test
  void aRerunReplacesTheSameBlobs(Azurite azurite) throws Exception {
    BlobReportStore store = BlobReportStore.create(azurite.blobServiceClient(), container());
    ReportFiles.write(report(), store);
    ReportFiles.write(report(), store);
    assertThat(store.container().listBlobs().stream().count()).isEqualTo(13);
  }

  @Test
  void aBlankContainerNameMeansTheDefault(Azurite azurite) {
    assertThat(
            BlobReportStore.create(azurite.blobServiceClient(), " ")
                .container()
                .getBlobContainerName())
        .isEqualTo(BlobReportStore.DEFAULT_CONTAINER);
  }

  @Test
  void aRefusedWriteNamesTheBlobAndContainer(Azurite azurite) {
    // The right account name with a wrong key: Azurite refuses every request.
    var client =
        new BlobServiceClientBuilder()
            .connectionString(
                azurite
                    .connectionString()
                    .replaceAll("AccountKey=[^;]+", "AccountKey=" + "A".repeat(88)))
            .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(10))))
            .buildClient();
    BlobReportStore store = BlobReportStore.create(client, "refused");
    assertThatThrownBy(() -> store.write(new ReportFile("reports/x.csv", ReportFiles.CSV, "a\r\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("reports/x.csv")
        .hasMessageContaining("refused");
  }
}
