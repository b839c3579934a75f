package dev.tollgate.functions;

import dev.tollgate.reports.Budgets;
import dev.tollgate.reports.ReportPeriod;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The app settings of the scheduled cost reports ({@link CostReportFunction}). */
public final class CostReportSettings {
  /**
   * NCRONTAB schedule of the report timer, read by the host as %...%, e.g. {@code 0 0 6 * * *}
   * (06:00 UTC daily: each run reports the day before).
   */
  public static final String SCHEDULE = "TOLLGATE_REPORT_SCHEDULE";

  /** Blob container for the report files (default {@code tollgate-reports}). */
  public static final String CONTAINER = "TOLLGATE_REPORT_CONTAINER";

  /** Monthly USD per team: {@code team=amount,...} or a JSON object; empty for none. */
  public static final String BUDGETS = "TOLLGATE_REPORT_BUDGETS";

  /** Which reports a run writes: any of {@code daily,weekly,mtd} (default all three). */
  public static final String PERIODS = "TOLLGATE_REPORT_PERIODS";

  /** Every setting this class names. */
  public static final List<String> ALL = List.of(SCHEDULE, CONTAINER, BUDGETS, PERIODS);

  private CostReportSettings() {}

  public static String container(Map<String, String> env) {
    return optional(env, CONTAINER);
  }

  /**
   * @throws IllegalArgumentException naming the setting and the bad entry
   */
  public static Budgets budgets(Map<String, String> env) {
    try {
      return Budgets.parse(optional(env, BUDGETS));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(BUDGETS + ": " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException for an unknown period
   */
  public static Set<ReportPeriod.Kind> periods(Map<String, String> env) {
    String v = optional(env, PERIODS);
    if (v == null) {
      return EnumSet.of(ReportPeriod.Kind.DAILY, ReportPeriod.Kind.WEEKLY, ReportPeriod.Kind.MTD);
    }
    Set<ReportPeriod.Kind> kinds = EnumSet.noneOf(ReportPeriod.Kind.class);
    for (String s : v.split(",")) {
      if (!s.isBlank()) {
        try {
          kinds.add(ReportPeriod.Kind.parse(s));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(PERIODS + ": " + e.getMessage(), e);
        }
      }
    }
    return kinds;
  }

  private static String optional(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
