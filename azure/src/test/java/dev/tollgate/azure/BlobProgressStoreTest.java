package dev.tollgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class BlobProgressStoreTest {

  private static BlobProgressStore store(BlobServiceClient client, String container) {
    return BlobProgressStore.builder()
        .serviceClient(client)
        .containerName(container)
        .fullyQualifiedNamespace("My-NS.servicebus.windows.net")
        .eventHubName("apim-logs")
        .consumerGroup("$Default")
        .build();
  }

  private static String container() {
    return "progress-" + UUID.randomUUID();
  }

  @Test
  void blobNameIncludesNamespaceHubAndConsumerGroup(Azurite azurite) {
    assertThat(store(azurite.blobServiceClient(), "p").blobName("3"))
        .isEqualTo("my-ns.servicebus.windows.net/apim-logs/$default/3.json");
  }

  @Test
  void nothingDeliveredBeforeTheFirstMark(Azurite azurite) {
    assertThat(store(azurite.blobServiceClient(), container()).delivered("0")).isEmpty();
  }

  @Test
  void progressOnlyMovesForward(Azurite azurite) {
    BlobProgressStore store = store(azurite.blobServiceClient(), container());

    store.markDelivered("0", 100);
    store.markDelivered("0", 40);
    assertThat(store.delivered("0")).isEqualTo(OptionalLong.of(100));

    store.markDelivered("0", 101);
    assertThat(store.delivered("0")).isEqualTo(OptionalLong.of(101));
    assertThat(store.delivered("1")).isEmpty();
  }

  @Test
  void twoStoresOnTheSameBlobAgree(Azurite azurite) {
    String container = container();
    BlobProgressStore a = store(azurite.blobServiceClient(), container);
    BlobProgressStore b = store(azurite.blobServiceClient(), container);

    a.markDelivered("2", 10);
    assertThat(b.delivered("2")).isEqualTo(OptionalLong.of(10));
    b.markDelivered("2", 5);
    assertThat(a.delivered("2")).isEqualTo(OptionalLong.of(10));
    b.markDelivered("2", 20);
    assertThat(a.delivered("2")).isEqualTo(OptionalLong.of(20));
  }

  @Test
  void racingWritersEndAtTheHighestNumber(Azurite azurite) throws Exception {
    String container = container();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        long seq = i * 10L;
        BlobProgressStore s = store(azurite.blobServiceClient(), container);
        writes.add(pool.submit(() -> s.markDelivered("7", seq)));
      }
      for (Future<?> f : writes) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(store(azurite.blobServiceClient(), container).delivered("7"))
        .isEqualTo(OptionalLong.of(120));
  }

  @Test
  void aBlobItDidNotWriteIsReportedNotReset(Azurite azurite) {
    String container = container();
    BlobProgressStore store = store(azurite.blobServiceClient(), container);
    store.markDelivered("4", 1);
    store
        .container()
        .getBlobClient(store.blobName("4"))
        .upload(BinaryData.fromString("not json"), true);

    assertThatThrownBy(() -> store.delivered("4"))
        .isInstanceOf(BlobDeliveryException.class)
        .hasMessageContaining(store.blobName("4"));
  }

  @Test
  void requiredNamesAreChecked(Azurite azurite) {
    assertThatThrownBy(
            () ->
                BlobProgressStore.builder()
                    .serviceClient(azurite.blobServiceClient())
                    .eventHubName("hub")
                    .consumerGroup("cg")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace");
  }
}
