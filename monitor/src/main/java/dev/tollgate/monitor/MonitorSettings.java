package dev.tollgate.monitor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every app setting of the Azure Monitor jobs (platform metrics poller, reconciliation, deployment
 * inventory, doctor), by name, with their parsing. All of them are in {@code
 * local.settings.sample.json}.
 */
public final class MonitorSettings {
  /** NCRONTAB schedule of the platform metrics poller, read by the timer as %...%. */
  public static final String METRICS_SCHEDULE = "TOLLGATE_METRICS_SCHEDULE";

  /** NCRONTAB schedule of the deployment inventory. */
  public static final String INVENTORY_SCHEDULE = "TOLLGATE_INVENTORY_SCHEDULE";

  /** NCRONTAB schedule of the reconciliation. */
  public static final String RECONCILE_SCHEDULE = "TOLLGATE_RECONCILE_SCHEDULE";

  /** Explicit Azure OpenAI / AI Services account resource ids, comma-separated. */
  public static final String ACCOUNT_IDS = "TOLLGATE_AOAI_ACCOUNT_IDS";

  /** Subscriptions whose accounts are all watched, comma-separated ids. */
  public static final String SUBSCRIPTIONS = "TOLLGATE_AOAI_SUBSCRIPTIONS";

  /**
   * Resource groups whose accounts are watched, {@code <subscription id>/<group>}, comma-separated.
   */
  public static final String RESOURCE_GROUPS = "TOLLGATE_AOAI_RESOURCE_GROUPS";

  /** Platform metric REST names to poll (default: the token, request and latency metrics). */
  public static final String METRICS_NAMES = "TOLLGATE_METRICS_NAMES";

  /** How long after a minute closes before it is read (ISO-8601, default PT5M). */
  public static final String METRICS_SETTLE_DELAY = "TOLLGATE_METRICS_SETTLE_DELAY";

  /** How far back a metric without a watermark starts (ISO-8601, default PT30M). */
  public static final String METRICS_START_LOOKBACK = "TOLLGATE_METRICS_START_LOOKBACK";

  /** The longest span one getBatch call covers (ISO-8601, default PT1H). */
  public static final String METRICS_MAX_SPAN = "TOLLGATE_METRICS_MAX_SPAN";

  /** The most getBatch calls per group in one run, for catching up (default 24). */
  public static final String METRICS_MAX_CALLS = "TOLLGATE_METRICS_MAX_CALLS";

  /**
   * The metrics data-plane endpoint; {@code {region}} is replaced with the account's region
   * (default {@code https://{region}.metrics.monitor.azure.com}).
   */
  public static final String METRICS_ENDPOINT = "TOLLGATE_METRICS_ENDPOINT";

  /** Azure Resource Manager endpoint for other clouds (default https://management.azure.com). */
  public static final String ARM_ENDPOINT = "TOLLGATE_ARM_ENDPOINT";

  /** Table of the metrics watermarks (default tollgatewatermarks). */
  public static final String WATERMARK_TABLE = "TOLLGATE_WATERMARK_TABLE";

  /** Table of the deployment inventory (default tollgateinventory). */
  public static final String INVENTORY_TABLE = "TOLLGATE_INVENTORY_TABLE";

  /** Span each reconciliation compares (ISO-8601, default PT1H). */
  public static final String RECONCILE_WINDOW = "TOLLGATE_RECONCILE_WINDOW";

  /** How far behind now a reconciliation window ends (ISO-8601, default PT20M). */
  public static final String RECONCILE_DELAY = "TOLLGATE_RECONCILE_DELAY";

  /** Absolute drift ratio above which a deployment is flagged (default 0.1). */
  public static final String RECONCILE_THRESHOLD = "TOLLGATE_RECONCILE_THRESHOLD";

  /** Platform tokens below which a window is too small to judge (default 1000). */
  public static final String RECONCILE_MIN_TOKENS = "TOLLGATE_RECONCILE_MIN_TOKENS";

  /** APIM instance resource id, for the doctor's diagnostic-setting check. */
  public static final String APIM_RESOURCE_ID = "TOLLGATE_APIM_RESOURCE_ID";

  /** Every setting this class names. */
  public static final List<String> ALL =
      List.of(
          METRICS_SCHEDULE,
          INVENTORY_SCHEDULE,
          RECONCILE_SCHEDULE,
          ACCOUNT_IDS,
          SUBSCRIPTIONS,
          RESOURCE_GROUPS,
          METRICS_NAMES,
          METRICS_SETTLE_DELAY,
          METRICS_START_LOOKBACK,
          METRICS_MAX_SPAN,
          METRICS_MAX_CALLS,
          METRICS_ENDPOINT,
          ARM_ENDPOINT,
          WATERMARK_TABLE,
          INVENTORY_TABLE,
          RECONCILE_WINDOW,
          RECONCILE_DELAY,
          RECONCILE_THRESHOLD,
          RECONCILE_MIN_TOKENS,
          APIM_RESOURCE_ID);

  static final String DEFAULT_METRICS_ENDPOINT = "https://{region}.metrics.monitor.azure.com";
  static final String DEFAULT_ARM_ENDPOINT = "https://management.azure.com";

  private MonitorSettings() {}

  /** A setting, stripped; null when unset or blank. */
  public static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A comma-separated list; empty when unset. */
  public static List<String> list(Map<String, String> env, String name) {
    List<String> out = new ArrayList<>();
    String v = get(env, name);
    if (v != null) {
      for (String part : v.split("[,;\\s]+")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  /**
   * An ISO-8601 duration setting.
   *
   * @throws IllegalArgumentException naming the setting when it does not parse or is not positive
   */
  public static Duration duration(Map<String, String> env, String name, Duration dflt) {
    String v = get(env, name);
    if (v == null) {
      return dflt;
    }
    try {
      Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, not '" + v + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT5M, not '" + v + "'", e);
    }
  }

  /** A whole-number setting. */
  public static int integer(Map<String, String> env, String name, int dflt) {
    String v = get(env, name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, not '" + v + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'", e);
    }
  }

  /** A decimal setting. */
  public static double decimal(Map<String, String> env, String name, double dflt) {
    String v = get(env, name);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v);
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(name + " must be a number >= 0, not '" + v + "'");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + v + "'", e);
    }
  }
}
