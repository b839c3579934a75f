package dev.tollgate.monitor;

import java.util.Locale;

/** Small helpers over ARM resource ids. */
public final class ResourceIds {
  private static final String METRICS_SUFFIX = "/providers/microsoft.insights/metrics/";

  private ResourceIds() {}

  /** The id with one leading slash and no trailing one. */
  public static String normalize(String id) {
    String s = id.strip();
    while (s.startsWith("//")) {
      s = s.substring(1);
    }
    if (!s.startsWith("/")) {
      s = "/" + s;
    }
    while (s.endsWith("/") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** The id as a case-insensitive key (ARM ids are case-insensitive). */
  public static String key(String id) {
    return normalize(id).toLowerCase(Locale.ROOT);
  }

  /** The subscription id in an ARM id. */
  public static String subscription(String id) {
    String[] parts = normalize(id).split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("subscriptions")) {
        return parts[i + 1];
      }
    }
    throw new IllegalArgumentException("not an ARM resource id (no subscription): " + id);
  }

  /** The resource group in an ARM id, or null. */
  public static String resourceGroup(String id) {
    String[] parts = normalize(id).split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("resourceGroups")) {
        return parts[i + 1];
      }
    }
    return null;
  }

  /** The last segment. */
  public static String name(String id) {
    String n = normalize(id);
    return n.substring(n.lastIndexOf('/') + 1);
  }

  /**
   * The resource a metric id of a metrics answer belongs to ({@code
   * <resource>/providers/Microsoft.Insights/metrics/<name>}); the id itself when it has no such
   * suffix.
   */
  public static String resourceOfMetricId(String metricId) {
    String n = normalize(metricId);
    int i = n.toLowerCase(Locale.ROOT).lastIndexOf(METRICS_SUFFIX);
    return i < 0 ? n : n.substring(0, i);
  }

  /** Checks the shape of an account id. */
  public static String requireAccountId(String id) {
    String n = normalize(id);
    if (!n.toLowerCase(Locale.ROOT).contains("/providers/microsoft.cognitiveservices/accounts/")) {
      throw new IllegalArgumentException(
          "not a Microsoft.CognitiveServices/accounts resource id: '" + id + "'");
    }
    subscription(n);
    return n;
  }
}
