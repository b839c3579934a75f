package dev.tollgate.appinsights;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import dev.tollgate.core.model.DeadLetter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The settings of Application Insights delivery, and the sink they describe. */
public final class AppInsightsSettings {
  /** The standard connection string setting; delivery is off when it is absent. */
  public static final String CONNECTION_STRING = "APPLICATIONINSIGHTS_CONNECTION_STRING";

  /**
   * The standard Entra ID setting: {@code Authorization=AAD} (DefaultAzureCredential: managed
   * identity in Azure, developer credentials locally) or {@code Authorization=AAD;ClientId=...} for
   * a user-assigned identity. Required when the resource disables local auth.
   */
  public static final String AUTHENTICATION_STRING = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

  /** {@code all}, {@code errors}, {@code sampled:N} or {@code off}. */
  public static final String EVENTS = "TOLLGATE_EVENTS";

  /** Dimension values kept per window in metrics (default 20). */
  public static final String METRIC_TOP_N = "TOLLGATE_METRIC_TOP_N";

  private AppInsightsSettings() {}

  /** A sink factory when a connection string is set; empty otherwise. */
  public static Optional<AppInsightsSinkFactory> factory(Map<String, String> env) {
    String cs = env.get(CONNECTION_STRING);
    if (cs == null || cs.isBlank()) {
      return Optional.empty();
    }
    ConnectionString connection = ConnectionString.parse(cs);
    HttpIngestionClient client =
        HttpIngestionClient.builder()
            .connectionString(connection)
            .credential(credential(env.get(AUTHENTICATION_STRING)))
            .build();
    return Optional.of(
        new AppInsightsSinkFactory(
            TrackDelivery.builder().client(client).build(),
            connection.instrumentationKey(),
            EventMode.parse(env.get(EVENTS)),
            topN(env.get(METRIC_TOP_N)),
            env.get("WEBSITE_INSTANCE_ID")));
  }

  /** One sink when a connection string is set; empty otherwise. */
  public static Optional<AppInsightsSink> sink(
      Map<String, String> env, String source, Consumer<DeadLetter> rejected) {
    return factory(env).map(f -> f.newSink(source, rejected));
  }

  static TokenCredential credential(String authentication) {
    if (authentication == null || authentication.isBlank()) {
      return null;
    }
    Map<String, String> kv = new HashMap<>();
    for (String part : authentication.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(
            part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    if (!"aad".equalsIgnoreCase(kv.getOrDefault("authorization", ""))) {
      throw new IllegalArgumentException(
          AUTHENTICATION_STRING
              + " must be 'Authorization=AAD' or 'Authorization=AAD;ClientId=<id>'");
    }
    String clientId = kv.get("clientid");
    return clientId == null
        ? new DefaultAzureCredentialBuilder().build()
        : new ManagedIdentityCredentialBuilder().clientId(clientId).build();
  }

  static int topN(String s) {
    if (s == null || s.isBlank()) {
      return 20;
    }
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          METRIC_TOP_N + " must be a whole number, not '" + s + "'", e);
    }
  }
}
