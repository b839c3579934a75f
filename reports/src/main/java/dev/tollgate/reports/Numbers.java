package dev.tollgate.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number conventions shared by every output: plain decimals, fractions with 4 decimals. */
final class Numbers {
  private Numbers() {}

  /** Strips trailing zeros without ever switching to exponent notation. */
  static BigDecimal plain(BigDecimal v) {
    if (v == null) {
      return null;
    }
    if (v.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0, RoundingMode.UNNECESSARY) : s;
  }

  /** {@code part / whole} as a fraction rounded half-up to 4 decimals; 0 when the whole is 0. */
  static BigDecimal share(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO.setScale(4);
    }
    return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  /** {@code part / whole} as a fraction rounded half-up to 4 decimals; null when the whole is 0. */
  static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    if (whole == null || whole.signum() == 0) {
      return null;
    }
    return part.divide(whole, 4, RoundingMode.HALF_UP);
  }

  /** The plain text of a number, "" for null. */
  static String text(BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }
}
