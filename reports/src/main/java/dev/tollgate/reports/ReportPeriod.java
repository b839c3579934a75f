package dev.tollgate.reports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * The days a report covers, in UTC, both ends included.
 *
 * <ul>
 *   <li>{@code daily}: one day;
 *   <li>{@code weekly}: the 7 days ending with the reference day (run it on a Monday for yesterday
 *       and you get Monday to Sunday of last week);
 *   <li>{@code mtd}: month to date, from the 1st of the reference day's month to that day;
 *   <li>{@code range}: any {@code --from}/{@code --to} range.
 * </ul>
 *
 * The previous period, for the movers, is the period of the same length that ends the day before.
 */
public record ReportPeriod(Kind kind, LocalDate from, LocalDate to) {

  /** What kind of period. */
  public enum Kind {
    DAILY("daily"),
    WEEKLY("weekly"),
    MTD("mtd"),
    RANGE("range");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** Parses {@code daily}, {@code weekly} or {@code mtd} (case-insensitive). */
    public static Kind parse(String s) {
      String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
      for (Kind k : values()) {
        if (k != RANGE && k.wireName.equals(v)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown period '" + s + "' (expected daily, weekly or mtd)");
    }
  }

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

  public ReportPeriod {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException(
          "the period starts (" + from + ") after it ends (" + to + ")");
    }
  }

  public static ReportPeriod daily(LocalDate day) {
    return new ReportPeriod(Kind.DAILY, day, day);
  }

  public static ReportPeriod weekly(LocalDate lastDay) {
    return new ReportPeriod(Kind.WEEKLY, lastDay.minusDays(6), lastDay);
  }

  public static ReportPeriod monthToDate(LocalDate day) {
    return new ReportPeriod(Kind.MTD, day.withDayOfMonth(1), day);
  }

  public static ReportPeriod range(LocalDate from, LocalDate to) {
    return new ReportPeriod(Kind.RANGE, from, to);
  }

  /** The period of this kind that ends with {@code day}; a range cannot be derived from a day. */
  public static ReportPeriod of(Kind kind, LocalDate day) {
    return switch (kind) {
      case DAILY -> daily(day);
      case WEEKLY -> weekly(day);
      case MTD -> monthToDate(day);
      case RANGE -> throw new IllegalArgumentException("a range needs --from and --to");
    };
  }

  /** Number of days covered. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  public boolean contains(LocalDate day) {
    return day != null && !day.isBefore(from) && !day.isAfter(to);
  }

  /** The period of the same length ending the day before this one starts. */
  public ReportPeriod previous() {
    return new ReportPeriod(Kind.RANGE, from.minusDays(days()), from.minusDays(1));
  }

  /**
   * The name used in file names and the event: {@code daily}, {@code weekly}, {@code mtd}, or
   * {@code range-20250601-20250610}.
   */
  public String name() {
    if (kind == Kind.RANGE) {
      return "range-" + from.format(COMPACT) + "-" + to.format(COMPACT);
    }
    return kind.wireName();
  }

  @Override
  public String toString() {
    return name() + " " + from + ".." + to;
  }
}
