package dev.tollgate.core.config;

import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.PriceCatalog;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The app settings the core reads, by name. Every name here must be in {@code
 * local.settings.sample.json} and in the Bicep app settings (a test checks both).
 */
public final class TollgateSettings {
  /** Path of a price catalog file whose entries override the shipped ones (negotiated prices). */
  public static final String PRICE_CATALOG_FILE = "TOLLGATE_PRICE_CATALOG_FILE";

  /** {@code true} zeroes the last octet of caller IP addresses. */
  public static final String MASK_CLIENT_IP = "TOLLGATE_MASK_CLIENT_IP";

  /** Request header that carries an end-user or app id, when APIM logs it. */
  public static final String END_USER_HEADER = "TOLLGATE_END_USER_HEADER";

  /** Deployment type assumed for pricing: global, data_zone, regional, batch or provisioned. */
  public static final String DEFAULT_DEPLOYMENT_TYPE = "TOLLGATE_DEFAULT_DEPLOYMENT_TYPE";

  /** Per-deployment types, {@code name=type,name=type}; Azure SKU names are accepted. */
  public static final String DEPLOYMENT_TYPES = "TOLLGATE_DEPLOYMENT_TYPES";

  /** {@code true} captures prompt and completion text, redacted; off by default. */
  public static final String CAPTURE_CONTENT = "TOLLGATE_CAPTURE_CONTENT";

  /** Characters of prompt and of completion kept when capturing (default 1000). */
  public static final String CAPTURE_CONTENT_MAX_CHARS = "TOLLGATE_CAPTURE_CONTENT_MAX_CHARS";

  private TollgateSettings() {}

  /**
   * Enrichment options from settings.
   *
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  public static EnrichOptions enrichOptions(Map<String, String> env) {
    try {
      String type = blankToNull(env.get(DEFAULT_DEPLOYMENT_TYPE));
      return new EnrichOptions(
          Boolean.parseBoolean(
              String.valueOf(env.get(MASK_CLIENT_IP)).strip().toLowerCase(Locale.ROOT)),
          blankToNull(env.get(END_USER_HEADER)),
          type == null ? DeploymentType.GLOBAL : DeploymentType.parse(type),
          EnrichOptions.parseDeploymentTypes(env.get(DEPLOYMENT_TYPES)),
          captureChars(env));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Tollgate setting: " + e.getMessage(), e);
    }
  }

  private static int captureChars(Map<String, String> env) {
    if (!"true".equalsIgnoreCase(String.valueOf(env.get(CAPTURE_CONTENT)).strip())) {
      return 0;
    }
    String max = blankToNull(env.get(CAPTURE_CONTENT_MAX_CHARS));
    try {
      int n = max == null ? 1000 : Integer.parseInt(max);
      if (n < 1) {
        throw new IllegalArgumentException(CAPTURE_CONTENT_MAX_CHARS + " must be at least 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(CAPTURE_CONTENT_MAX_CHARS + " must be a whole number", e);
    }
  }

  /** The shipped catalog, or the shipped catalog with the override file applied. */
  public static PriceCatalog catalog(Map<String, String> env) {
    String file = blankToNull(env.get(PRICE_CATALOG_FILE));
    return file == null ? PriceCatalog.builtIn() : PriceCatalog.withOverride(Path.of(file));
  }

  /** A pipeline configured from settings. */
  public static Pipeline pipeline(Map<String, String> env) {
    return Pipeline.builder().catalog(catalog(env)).options(enrichOptions(env)).build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
