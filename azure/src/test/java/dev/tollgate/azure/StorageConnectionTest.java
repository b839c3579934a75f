package dev.tollgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.storage.blob.BlobServiceClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConnectionTest {

  @Test
  void developmentStorageMeansAzuritesWellKnownAccount() {
    StorageConnection c =
        StorageConnection.fromSettings(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true"));
    BlobServiceClient client = c.buildClient();

    assertThat(c.usesIdentity()).isFalse();
    assertThat(client.getAccountUrl()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
  }

  @Test
  void aConnectionStringWinsOverIdentitySettings() {
    StorageConnection c =
        StorageConnection.fromSettings(
            Map.of(
                "AzureWebJobsStorage", "UseDevelopmentStorage=true",
                "AzureWebJobsStorage__accountName", "ignored"));

    assertThat(c.usesIdentity()).isFalse();
    assertThat(c.toString()).isEqualTo("AzureWebJobsStorage (connection string)");
  }

  @Test
  void accountNameMeansIdentityAgainstThePublicCloudEndpoint() {
    StorageConnection c =
        StorageConnection.fromSettings(Map.of("AzureWebJobsStorage__accountName", "TollgateSa"));

    assertThat(c.usesIdentity()).isTrue();
    assertThat(c.buildClient().getAccountUrl())
        .isEqualTo("https://tollgatesa.blob.core.windows.net");
    assertThat(c.credential()).isInstanceOf(DefaultAzureCredential.class);
  }

  @Test
  void blobServiceUriAndAUserAssignedManagedIdentity() {
    StorageConnection c =
        StorageConnection.fromSettings(
            Map.of(
                "AzureWebJobsStorage__blobServiceUri", "https://acct.blob.core.windows.net",
                "AzureWebJobsStorage__credential", "managedidentity",
                "AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001"));

    assertThat(c.credential()).isInstanceOf(ManagedIdentityCredential.class);
    assertThat(c.buildClient().getAccountName()).isEqualTo("acct");
    assertThat(c.toString())
        .contains("https://acct.blob.core.windows.net")
        .contains("00000000-0000-0000-0000-000000000001");
  }

  @Test
  void anotherConnectionNameReadsItsOwnSettings() {
    StorageConnection c =
        StorageConnection.fromSettings(
            Map.of("DeadLetterStorage__blobServiceUri", "https://dl.blob.core.windows.net/"),
            "DeadLetterStorage");

    assertThat(c.name()).isEqualTo("DeadLetterStorage");
    assertThat(c.buildClient().getAccountName()).isEqualTo("dl");
  }

  @Test
  void missingSettingsNameWhatToSet() {
    assertThatThrownBy(() -> StorageConnection.fromSettings(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AzureWebJobsStorage__blobServiceUri")
        .hasMessageContaining("AzureWebJobsStorage__accountName");
  }

  @Test
  void aValueThatIsNotAConnectionStringIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(
            () -> StorageConnection.fromSettings(Map.of("AzureWebJobsStorage", "s3cr3tvalue")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cr3tvalue");
  }

  @Test
  void identityNeedsHttps() {
    assertThatThrownBy(
            () ->
                StorageConnection.fromSettings(
                    Map.of("AzureWebJobsStorage__blobServiceUri", "http://127.0.0.1:10000/acct")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://");
  }

  @Test
  void unknownCredentialKindIsRefused() {
    assertThatThrownBy(
            () ->
                StorageConnection.fromSettings(
                    Map.of(
                        "AzureWebJobsStorage__accountName", "acct",
                        "AzureWebJobsStorage__credential", "clientsecret")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("managedidentity");
  }
}
