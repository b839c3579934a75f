package dev.tollgate.functions;

import dev.tollgate.core.config.TollgateSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every app setting the Functions app reads, by name. The core's own settings are in {@link
 * TollgateSettings}. Both sets must be in {@code local.settings.sample.json} (a test checks).
 */
public final class AppSettings {
  /** Event hub that APIM's diagnostic setting streams to; the trigger reads it as %...%. */
  public static final String EVENTHUB_NAME = "TOLLGATE_EVENTHUB_NAME";

  /** Consumer group of the trigger; a group of Tollgate's own, not one shared with others. */
  public static final String EVENTHUB_CONSUMER_GROUP = "TOLLGATE_EVENTHUB_CONSUMER_GROUP";

  /** Prefix of the trigger's connection settings ({@code connection = "EventHubConnection"}). */
  public static final String EVENTHUB_CONNECTION = "EventHubConnection";

  /** Identity-based Event Hubs connection: the namespace host, also the progress blobs' prefix. */
  public static final String EVENTHUB_NAMESPACE = EVENTHUB_CONNECTION + "__fullyQualifiedNamespace";

  /** The host's storage: a connection string, or {@code __blobServiceUri}/{@code __accountName}. */
  public static final String STORAGE = "AzureWebJobsStorage";

  public static final String DEADLETTER_CONTAINER = "TOLLGATE_DEADLETTER_CONTAINER";
  public static final String PROGRESS_CONTAINER = "TOLLGATE_PROGRESS_CONTAINER";

  /**
   * The settings this class names (identity-based variants of {@link #STORAGE} aside); the core's
   * are the constants of {@link TollgateSettings}.
   */
  public static final List<String> ALL =
      List.of(
          EVENTHUB_NAME,
          EVENTHUB_CONSUMER_GROUP,
          EVENTHUB_NAMESPACE,
          STORAGE,
          DEADLETTER_CONTAINER,
          PROGRESS_CONTAINER);

  private AppSettings() {}

  public static String eventHubName(Map<String, String> env) {
    return required(env, EVENTHUB_NAME);
  }

  public static String consumerGroup(Map<String, String> env) {
    return required(env, EVENTHUB_CONSUMER_GROUP);
  }

  /**
   * The Event Hubs namespace host: {@value #EVENTHUB_NAMESPACE}, else the {@code Endpoint} of an
   * {@value #EVENTHUB_CONNECTION} connection string (its key is never read).
   */
  public static String eventHubNamespace(Map<String, String> env) {
    String ns = optional(env, EVENTHUB_NAMESPACE);
    if (ns == null) {
      ns = endpointHost(optional(env, EVENTHUB_CONNECTION));
    }
    if (ns == null) {
      throw new IllegalArgumentException(
          "missing app setting " + EVENTHUB_NAMESPACE + " (e.g. my-ns.servicebus.windows.net)");
    }
    return ns;
  }

  public static String deadLetterContainer(Map<String, String> env) {
    return optional(env, DEADLETTER_CONTAINER);
  }

  public static String progressContainer(Map<String, String> env) {
    return optional(env, PROGRESS_CONTAINER);
  }

  static String endpointHost(String connectionString) {
    if (connectionString == null) {
      return null;
    }
    for (String part : connectionString.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase("Endpoint")) {
        String host = part.substring(eq + 1).strip().replaceFirst("^[a-zA-Z]+://", "");
        int slash = host.indexOf('/');
        host = slash >= 0 ? host.substring(0, slash) : host;
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static String required(Map<String, String> env, String name) {
    String v = optional(env, name);
    if (v == null) {
      throw new IllegalArgumentException("missing app setting " + name);
    }
    return v;
  }

  private static String optional(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
