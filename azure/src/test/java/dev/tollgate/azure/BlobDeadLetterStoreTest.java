package dev.tollgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class BlobDeadLetterStoreTest {
  private static final Instant SEEN = Instant.parse("2026-11-22T10:15:30Z");

  private static DeadLetter letter(long seq, String raw) {
    return new DeadLetter(
        "dl:3:" + seq + ":0",
        "invalid_json",
        "not valid JSON: Unexpected end-of-input",
        new SourcePosition("3", seq, "eventhub:apim-logs/3", 0),
        raw,
        SEEN);
  }

  private static String container() {
    return "dl-" + UUID.randomUUID();
  }

  @Test
  void blobNameIsTheDayAndThePathSafeItemId() {
    assertThat(BlobDeadLetterStore.blobName(letter(42, "{")))
        .isEqualTo("2026/11/22/dl_3_42_0.json");
  }

  @Test
  void aDeadLetterLandsInANewContainerWithItsReasonAndRawText(Azurite azurite) throws Exception {
    BlobDeadLetterStore store =
        BlobDeadLetterStore.create(azurite.blobServiceClient(), container());

    String name = store.write(letter(7, "{\"records\": [ {\"time\": "));

    BlobContainerClient c = store.container();
    assertThat(c.exists()).isTrue();
    JsonNode json = Json.MAPPER.readTree(c.getBlobClient(name).downloadContent().toBytes());
    assertThat(json.get("reason").asText()).isEqualTo("invalid_json");
    assertThat(json.get("raw").asText()).isEqualTo("{\"records\": [ {\"time\": ");
    assertThat(json.get("tollgate.item_id").asText()).isEqualTo("dl:3:7:0");
    assertThat(json.get("partition_id").asText()).isEqualTo("3");
    assertThat(c.getBlobClient(name).getProperties().getMetadata())
        .containsEntry("reason", "invalid_json");
  }

  @Test
  void rewritingTheSameDeadLetterKeepsOneBlob(Azurite azurite) {
    BlobDeadLetterStore store =
        BlobDeadLetterStore.create(azurite.blobServiceClient(), container());

    store.write(letter(7, "broken"));
    store.write(letter(7, "broken"));
    store.deadLetter(letter(7, "broken"));
    store.write(letter(8, "also broken"));

    List<String> names =
        store.container().listBlobs().stream().map(BlobItem::getName).sorted().toList();
    assertThat(names).containsExactly("2026/11/22/dl_3_7_0.json", "2026/11/22/dl_3_8_0.json");
  }

  @Test
  void blankContainerNameMeansTheDefault(Azurite azurite) {
    assertThat(
            BlobDeadLetterStore.create(azurite.blobServiceClient(), " ")
                .container()
                .getBlobContainerName())
        .isEqualTo("tollgate-deadletter");
  }

  @Test
  void anUnreachableStoreThrowsNamingTheBlob() {
    BlobDeadLetterStore store =
        BlobDeadLetterStore.create(
            new BlobServiceClientBuilder()
                .endpoint("http://127.0.0.1:9/nowhere")
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
                .buildClient(),
            "dl");

    assertThatThrownBy(() -> store.write(letter(9, "x")))
        .isInstanceOf(BlobDeliveryException.class)
        .hasMessageContaining("2026/11/22/dl_3_9_0.json")
        .hasMessageContaining("container dl");
  }
}
