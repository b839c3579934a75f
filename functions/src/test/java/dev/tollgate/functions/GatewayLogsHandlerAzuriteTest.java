package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.appinsights.DeliveryException;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.appinsights.testing.FakeIngestionServer.Answer;
import dev.tollgate.azure.BlobDeadLetterStore;
import dev.tollgate.azure.BlobDeliveryException;
import dev.tollgate.azure.BlobProgressStore;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.core.config.TollgateSettings;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.RunStats;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler against a real Azurite, built from app settings as the Functions host would. */
@ExtendWith(AzuriteExtension.class)
class GatewayLogsHandlerAzuriteTest {
  private static final String BROKEN = TestFiles.resource("gateway/broken-truncated.txt");

  private static Map<String, String> settings(Azurite azurite) {
    Map<String, String> env = new HashMap<>(azurite.storageSettings());
    env.put(AppSettings.EVENTHUB_NAME, "apim-logs");
    env.put(AppSettings.EVENTHUB_CONSUMER_GROUP, "tollgate");
    env.put(AppSettings.EVENTHUB_NAMESPACE, "test-ns.servicebus.windows.net");
    String run = UUID.randomUUID().toString().substring(0, 8);
    env.put(AppSettings.DEADLETTER_CONTAINER, "dl-" + run);
    env.put(AppSettings.PROGRESS_CONTAINER, "progress-" + run);
    return env;
  }

  /** Three messages on partition 0, as the trigger binds them: 3 records and one broken line. */
  private static List<EventBody> batch() {
    return EventHubBodies.from(
        List.of(
            TestFiles.resource("gateway/batch-chat-embeddings.json"),
            TestFiles.resource("gateway/single-throttled.json"),
            BROKEN),
        systemProperties(
            Map.of("SequenceNumber", 100.0, "EnqueuedTimeUtc", "2026-11-20T09:14:06.100Z"),
            Map.of("SequenceNumber", 101.0, "EnqueuedTimeUtc", "2026-11-20T09:14:06.200Z"),
            Map.of("SequenceNumber", 102.0, "EnqueuedTimeUtc", "2026-11-20T09:14:06.300Z")),
        Map.of("PartitionId", "0", "EventHubName", "apim-logs"));
  }

  /** The worker binds SystemPropertiesArray as an array of maps; numbers come as doubles. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] systemProperties(Map<?, ?>... each) {
    return (Map<String, Object>[]) each;
  }

  private static BlobProgressStore progress(Azurite azurite, Map<String, String> env) {
    return BlobProgressStore.builder()
        .serviceClient(azurite.blobServiceClient())
        .containerName(env.get(AppSettings.PROGRESS_CONTAINER))
        .fullyQualifiedNamespace("test-ns.servicebus.windows.net")
        .eventHubName("apim-logs")
        .consumerGroup("tollgate")
        .build();
  }

  @Test
  void aBatchWithABrokenLineIsDeliveredAndItsRedeliveryChangesNothing(Azurite azurite)
      throws Exception {
    Map<String, String> env = settings(azurite);
    GatewayLogsHandler handler = GatewayLogsHandler.fromSettings(env);
    List<String> log = new ArrayList<>();

    RunStats first = handler.process(batch(), CapturingLog.to(log));

    assertThat(first.messages()).isEqualTo(3);
    assertThat(first.llmRequests()).isEqualTo(3);
    assertThat(first.deadLettersByReason()).isEqualTo(Map.of("invalid_json", 1L));
    assertThat(first.costUsd()).isGreaterThan(BigDecimal.ZERO);
    assertThat(log).anyMatch(l -> l.contains("3 requests") && l.contains("1 dead letters"));

    BlobContainerClient dl =
        azurite
            .blobServiceClient()
            .getBlobContainerClient(env.get(AppSettings.DEADLETTER_CONTAINER));
    List<BlobItem> letters = dl.listBlobs().stream().toList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getName()).endsWith("/dl_0_102_0.json");
    JsonNode letter =
        Json.MAPPER.readTree(
            dl.getBlobClient(letters.get(0).getName()).downloadContent().toBytes());
    assertThat(letter.get("reason").asText()).isEqualTo("invalid_json");
    assertThat(letter.get("raw").asText()).isEqualTo(BROKEN.strip());
    assertThat(letter.get("source").asText()).isEqualTo("eventhub:apim-logs/0");
    assertThat(progress(azurite, env).delivered("0")).isEqualTo(OptionalLong.of(102));

    // The host redelivers the same batch (say the checkpoint was lost): nothing is counted twice.
    RunStats again = GatewayLogsHandler.fromSettings(env).process(batch(), CapturingLog.to(log));

    assertThat(again.redeliveredSkipped()).isEqualTo(3);
    assertThat(again.messages()).isZero();
    assertThat(again.records()).isZero();
    assertThat(again.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(dl.listBlobs().stream().count()).isEqualTo(1);
    assertThat(progress(azurite, env).delivered("0")).isEqualTo(OptionalLong.of(102));
  }

  @Test
  void whenDeadLettersCannotBeKeptTheBatchFailsAndProgressStays(Azurite azurite) throws Exception {
    Map<String, String> env = settings(azurite);
    BlobProgressStore progress = progress(azurite, env);
    GatewayLogsHandler broken =
        new GatewayLogsHandler(
            TollgateSettings.pipeline(env),
            BlobDeadLetterStore.create(unreachableBlobService(), "tollgate-deadletter"),
            progress,
            null,
            null);

    assertThatThrownBy(() -> broken.process(batch(), CapturingLog.to(new ArrayList<>())))
        .isInstanceOf(BlobDeliveryException.class)
        .hasMessageContaining("dl:0:102:0");
    assertThat(progress.delivered("0")).isEmpty();

    // The host's retry, once Storage is back, processes the whole batch.
    RunStats retried =
        GatewayLogsHandler.fromSettings(env).process(batch(), CapturingLog.to(new ArrayList<>()));
    assertThat(retried.messages()).isEqualTo(3);
    assertThat(retried.redeliveredSkipped()).isZero();
    assertThat(progress.delivered("0")).isEqualTo(OptionalLong.of(102));
  }

  /** A Blob endpoint on a port nobody listens on, without retries. */
  private static com.azure.storage.blob.BlobServiceClient unreachableBlobService()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new BlobServiceClientBuilder()
        .endpoint("http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT)
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
        .buildClient();
  }

  @Test
  void withAConnectionStringEventsMetricsAndHealthReachApplicationInsights(Azurite azurite)
      throws Exception {
    try (FakeIngestionServer ingestion = FakeIngestionServer.builder().start()) {
      Map<String, String> env = settings(azurite);
      env.put("APPLICATIONINSIGHTS_CONNECTION_STRING", ingestion.connectionString());
      RunStats stats =
          GatewayLogsHandler.fromSettings(env).process(batch(), CapturingLog.to(new ArrayList<>()));

      assertThat(stats.llmRequests()).isEqualTo(3);
      assertThat(ingestion.duplicateAcceptances()).isEmpty();
      List<JsonNode> accepted = ingestion.acceptedEnvelopes();
      assertThat(accepted)
          .filteredOn(e -> e.at("/data/baseData/name").asText().equals("LlmRequest"))
          .hasSize(3)
          .allSatisfy(
              e ->
                  assertThat(e.at("/data/baseData/properties/tollgate.item_id").asText())
                      .startsWith("req:"));
      assertThat(accepted)
          .filteredOn(e -> e.at("/data/baseType").asText().equals("MetricData"))
          .isNotEmpty();
      assertThat(accepted)
          .filteredOn(e -> e.at("/data/baseData/name").asText().equals("TollgatePipelineHealth"))
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.at("/data/baseData/properties/tollgate.source").asText())
                    .isEqualTo("function:GatewayLogs:0");
                assertThat(h.at("/data/baseData/properties/tollgate.dead_letters").asText())
                    .isEqualTo("1");
              });
      assertThat(progress(azurite, env).delivered("0")).isEqualTo(OptionalLong.of(102));
    }
  }

  @Test
  void whenApplicationInsightsRefusesTheBatchFailsAndProgressStays(Azurite azurite)
      throws Exception {
    try (FakeIngestionServer ingestion =
        FakeIngestionServer.builder().script(Answer.dailyCapExceeded()).start()) {
      Map<String, String> env = settings(azurite);
      env.put("APPLICATIONINSIGHTS_CONNECTION_STRING", ingestion.connectionString());
      GatewayLogsHandler handler = GatewayLogsHandler.fromSettings(env);

      assertThatThrownBy(() -> handler.process(batch(), CapturingLog.to(new ArrayList<>())))
          .isInstanceOfSatisfying(
              DeliveryException.class, e -> assertThat(e.dailyCapReached()).isTrue());
      assertThat(progress(azurite, env).delivered("0")).isEmpty();

      // Next time (cap lifted) the same batch goes through in full.
      RunStats retried = handler.process(batch(), CapturingLog.to(new ArrayList<>()));
      assertThat(retried.redeliveredSkipped()).isZero();
      assertThat(retried.llmRequests()).isEqualTo(3);
    }
  }
}
