package dev.tollgate.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * A Blob Storage connection read from app settings the way the Azure Functions host reads {@code
 * AzureWebJobsStorage}: the setting itself holds a connection string (including {@code
 * UseDevelopmentStorage=true} for Azurite's well-known account), or, for an identity-based
 * connection, {@code <name>__blobServiceUri} or {@code <name>__accountName} with an Entra ID
 * credential. {@code <name>__credential=managedidentity} and {@code <name>__clientId} select a
 * user-assigned managed identity. Holds no secret beyond what the settings hold, and never prints
 * one.
 */
public final class StorageConnection {
  /** The Functions host's own storage connection. */
  public static final String DEFAULT_NAME = "AzureWebJobsStorage";

  private final String name;
  private final String connectionString;
  private final String blobServiceUri;
  private final String clientId;
  private final String resourceId;
  private final String tenantId;
  private final boolean managedIdentityOnly;

  private StorageConnection(
      String name,
      String connectionString,
      String blobServiceUri,
      String clientId,
      String resourceId,
      String tenantId,
      boolean managedIdentityOnly) {
    this.name = name;
    this.connectionString = connectionString;
    this.blobServiceUri = blobServiceUri;
    this.clientId = clientId;
    this.resourceId = resourceId;
    this.tenantId = tenantId;
    this.managedIdentityOnly = managedIdentityOnly;
  }

  /** The {@value #DEFAULT_NAME} connection. */
  public static StorageConnection fromSettings(Map<String, String> env) {
    return fromSettings(env, DEFAULT_NAME);
  }

  /**
   * The connection called {@code name}.
   *
   * @throws IllegalArgumentException naming the settings that are missing or wrong
   */
  public static StorageConnection fromSettings(Map<String, String> env, String name) {
    String value = setting(env, name);
    if (value != null) {
      if (!value.contains("=")) {
        // Never echo the value: it may be a key.
        throw new IllegalArgumentException(
            name
                + " is set but is not a storage connection string; for an identity-based"
                + " connection leave it unset and set "
                + name
                + "__blobServiceUri or "
                + name
                + "__accountName");
      }
      return new StorageConnection(name, value, null, null, null, null, false);
    }
    String uri =
        first(setting(env, name + "__blobServiceUri"), setting(env, name + "__serviceUri"));
    String account = setting(env, name + "__accountName");
    if (uri == null && account != null) {
      uri = "https://" + account.toLowerCase(Locale.ROOT) + ".blob.core.windows.net";
    }
    if (uri == null) {
      throw new IllegalArgumentException(
          "no Blob Storage connection: set "
              + name
              + " to a connection string, or "
              + name
              + "__blobServiceUri / "
              + name
              + "__accountName for an identity-based connection");
    }
    checkHttps(name, uri);
    String credential = setting(env, name + "__credential");
    if (credential != null && !credential.equalsIgnoreCase("managedidentity")) {
      throw new IllegalArgumentException(
          name + "__credential must be 'managedidentity' (or unset), not '" + credential + "'");
    }
    return new StorageConnection(
        name,
        null,
        uri,
        setting(env, name + "__clientId"),
        setting(env, name + "__managedIdentityResourceId"),
        setting(env, name + "__tenantId"),
        credential != null);
  }

  public String name() {
    return name;
  }

  public boolean usesIdentity() {
    return connectionString == null;
  }

  /**
   * An SDK builder set up for this connection; callers may add their own options (retries, HTTP
   * client) before {@code buildClient()}.
   */
  public BlobServiceClientBuilder clientBuilder() {
    BlobServiceClientBuilder b = new BlobServiceClientBuilder();
    return usesIdentity()
        ? b.endpoint(blobServiceUri).credential(credential())
        : b.connectionString(connectionString);
  }

  public BlobServiceClient buildClient() {
    return clientBuilder().buildClient();
  }

  /** The Entra ID credential of an identity-based connection; null for a connection string. */
  TokenCredential credential() {
    if (!usesIdentity()) {
      return null;
    }
    if (managedIdentityOnly) {
      ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
      if (clientId != null) {
        b.clientId(clientId);
      } else if (resourceId != null) {
        b.resourceId(resourceId);
      }
      return b.build();
    }
    // Managed identity on Azure, developer sign-ins locally.
    DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
    if (clientId != null) {
      b.managedIdentityClientId(clientId);
    } else if (resourceId != null) {
      b.managedIdentityResourceId(resourceId);
    }
    if (tenantId != null) {
      b.tenantId(tenantId);
    }
    return b.build();
  }

  @Override
  public String toString() {
    if (!usesIdentity()) {
      return name + " (connection string)";
    }
    String who =
        clientId != null
            ? "user-assigned identity " + clientId
            : (managedIdentityOnly ? "managed identity" : "DefaultAzureCredential");
    return name + " (" + blobServiceUri + ", " + who + ")";
  }

  private static void checkHttps(String name, String uri) {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": '" + uri + "' is not a URI", e);
    }
    // The SDK refuses bearer tokens over plain http.
    if (!"https".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
      throw new IllegalArgumentException(
          name
              + ": the blob service URI must be https://<account>.blob.<suffix>, not '"
              + uri
              + "'");
    }
  }

  private static String setting(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
