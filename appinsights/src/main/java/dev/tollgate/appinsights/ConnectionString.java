package dev.tollgate.appinsights;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An Application Insights connection string ({@code APPLICATIONINSIGHTS_CONNECTION_STRING}). Only
 * the instrumentation key and the ingestion host are used; sovereign clouds and private links give
 * another {@code IngestionEndpoint}, which is honoured.
 */
public record ConnectionString(String instrumentationKey, URI ingestionEndpoint) {
  static final String DEFAULT_INGESTION = "https://dc.services.visualstudio.com/";

  public static ConnectionString parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the Application Insights connection string is empty");
    }
    Map<String, String> kv = new HashMap<>();
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(
            part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    String key = kv.get("instrumentationkey");
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException(
          "the Application Insights connection string has no InstrumentationKey");
    }
    String endpoint = kv.get("ingestionendpoint");
    if (endpoint == null) {
      String suffix = kv.get("endpointsuffix");
      endpoint = suffix == null ? DEFAULT_INGESTION : "https://dc." + suffix;
    }
    if (!endpoint.endsWith("/")) {
      endpoint = endpoint + "/";
    }
    try {
      return new ConnectionString(key, URI.create(endpoint));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the Application Insights IngestionEndpoint is not a URL: " + endpoint, e);
    }
  }

  /** {@code {IngestionEndpoint}/v2.1/track}. */
  public URI trackUri() {
    return ingestionEndpoint.resolve("v2.1/track");
  }
}
