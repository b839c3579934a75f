package dev.tollgate.core.price;

import java.util.Locale;
import java.util.Set;

/**
 * The service tier a call ran at ({@code service_tier} of the response, else of the request), as
 * the catalog keys it: null for the default (standard) tier, else the lower-case name, e.g. {@code
 * priority}.
 */
public final class ServiceTier {
  /** Names that mean the standard pay-as-you-go tier ({@code auto} resolves to it on Azure). */
  private static final Set<String> DEFAULT = Set.of("", "default", "auto", "standard");

  private ServiceTier() {}

  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.strip().toLowerCase(Locale.ROOT);
    return DEFAULT.contains(t) ? null : t;
  }

  /** The response's tier wins: it says what ran (Azure downgrades long prompts to standard). */
  public static String of(String response, String request) {
    return response != null && !response.isBlank() ? normalize(response) : normalize(request);
  }
}
