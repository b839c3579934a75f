package dev.tollgate.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Escaping and number formats for the HTML report (always Locale.ROOT, never the machine's). */
final class Html {
  private Html() {}

  /**
   * Escapes text for element content and double- or single-quoted attributes. Control characters
   * that XML forbids become U+FFFD, so the page stays well-formed whatever a name holds.
   */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * Money for reading: 2 decimals from 1 USD up, grouped ({@code $1,234.50}); below that the exact
   * value up to 9 decimals ({@code $0.002696}), so small demo costs do not read as zero.
   */
  static String money(BigDecimal v) {
    if (v == null) {
      return "n/a";
    }
    String sign = v.signum() < 0 ? "-" : "";
    BigDecimal a = v.abs();
    if (a.compareTo(BigDecimal.ONE) >= 0 || a.signum() == 0) {
      return sign + "$" + grouped(a.setScale(2, RoundingMode.HALF_UP));
    }
    BigDecimal s = a.setScale(9, RoundingMode.HALF_UP).stripTrailingZeros();
    if (s.scale() < 2) {
      s = s.setScale(2, RoundingMode.UNNECESSARY);
    }
    return sign + "$" + s.toPlainString();
  }

  /** A signed money change: {@code +$1.20}, {@code -$0.30}. */
  static String change(BigDecimal v) {
    return v.signum() > 0 ? "+" + money(v) : money(v);
  }

  /** Money on a chart axis from a double: 4 significant digits. */
  static String axisMoney(double v) {
    if (v == 0) {
      return "$0";
    }
    BigDecimal b = BigDecimal.valueOf(v).round(new MathContext(4)).stripTrailingZeros();
    if (b.scale() < 0) {
      b = b.setScale(0, RoundingMode.UNNECESSARY);
    }
    return "$" + (b.compareTo(BigDecimal.valueOf(1000)) >= 0 ? grouped(b) : b.toPlainString());
  }

  /** A count with thousands separators. */
  static String count(long n) {
    return formatter("#,##0").format(n);
  }

  /** A fraction as a percentage with 1 decimal; {@code n/a} for null. */
  static String percent(BigDecimal fraction) {
    if (fraction == null) {
      return "n/a";
    }
    return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** A coordinate with at most one decimal. */
  static String num(double v) {
    return BigDecimal.valueOf(v)
        .setScale(1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String grouped(BigDecimal v) {
    DecimalFormat f = formatter(v.scale() > 0 ? "#,##0." + "0".repeat(v.scale()) : "#,##0");
    f.setParseBigDecimal(true);
    return f.format(v);
  }

  private static DecimalFormat formatter(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }
}
