package dev.tollgate.monitor;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableServiceException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Table storage from the Functions host's storage settings, read the way the host reads them: a
 * connection string in {@code AzureWebJobsStorage} (Azurite's too), or an identity-based connection
 * with {@code AzureWebJobsStorage__tableServiceUri} or {@code __accountName} and {@code
 * DefaultAzureCredential} ({@code __credential=managedidentity} and {@code __clientId} pick a
 * managed identity). The identity needs <i>Storage Table Data Contributor</i>.
 */
public final class TableConnection {
  public static final String DEFAULT_NAME = "AzureWebJobsStorage";

  private final String connectionString;
  private final String endpoint;
  private final TokenCredential credential;

  private TableConnection(String connectionString, String endpoint, TokenCredential credential) {
    this.connectionString = connectionString;
    this.endpoint = endpoint;
    this.credential = credential;
  }

  /**
   * The connection {@code name} describes.
   *
   * @throws IllegalArgumentException naming the settings that are missing or wrong
   */
  public static TableConnection fromSettings(Map<String, String> env, String name) {
    String cs = MonitorSettings.get(env, name);
    if (cs != null) {
      if (!cs.contains("=")) {
        throw new IllegalArgumentException(name + " is set but is not a storage connection string");
      }
      return new TableConnection(cs, null, null);
    }
    String uri = MonitorSettings.get(env, name + "__tableServiceUri");
    String account = MonitorSettings.get(env, name + "__accountName");
    if (uri == null && account != null) {
      uri = "https://" + account.toLowerCase(Locale.ROOT) + ".table.core.windows.net";
    }
    if (uri == null) {
      throw new IllegalArgumentException(
          "no Table storage connection: set "
              + name
              + " to a connection string, or "
              + name
              + "__tableServiceUri / "
              + name
              + "__accountName for an identity-based connection");
    }
    if (!uri.toLowerCase(Locale.ROOT).startsWith("https://")) {
      throw new IllegalArgumentException(
          name + "__tableServiceUri must be https, not '" + uri + "'");
    }
    String clientId = MonitorSettings.get(env, name + "__clientId");
    String kind = MonitorSettings.get(env, name + "__credential");
    TokenCredential credential;
    if ("managedidentity".equalsIgnoreCase(kind)) {
      ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
      if (clientId != null) {
        b.clientId(clientId);
      }
      credential = b.build();
    } else {
      DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
      if (clientId != null) {
        b.managedIdentityClientId(clientId);
      }
      credential = b.build();
    }
    return new TableConnection(null, uri, credential);
  }

  /** The {@value #DEFAULT_NAME} connection. */
  public static TableConnection fromSettings(Map<String, String> env) {
    return fromSettings(env, DEFAULT_NAME);
  }

  /** A connection string connection (tests, Azurite). */
  public static TableConnection ofConnectionString(String connectionString) {
    return new TableConnection(connectionString, null, null);
  }

  public TableServiceClient serviceClient() {
    TableServiceClientBuilder b =
        new TableServiceClientBuilder()
            .retryOptions(
                new RetryOptions(
                    new ExponentialBackoffOptions()
                        .setMaxRetries(3)
                        .setBaseDelay(Duration.ofMillis(200))
                        .setMaxDelay(Duration.ofSeconds(5))));
    if (connectionString != null) {
      b.connectionString(connectionString);
    } else {
      b.endpoint(endpoint).credential(credential);
    }
    return b.buildClient();
  }

  /** The table, created when missing. */
  public TableClient table(String tableName) {
    TableServiceClient service = serviceClient();
    try {
      service.createTableIfNotExists(tableName);
    } catch (TableServiceException e) {
      if (e.getResponse() == null || e.getResponse().getStatusCode() != 409) {
        throw e;
      }
    }
    return service.getTableClient(tableName);
  }
}
