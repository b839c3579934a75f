package dev.tollgate.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts drawn here, with no library and no script: plain rectangles, lines and text,
 * each bar with a {@code <title>} tooltip. Geometry uses doubles; every label shown comes from the
 * exact values.
 */
final class SvgCharts {
  static final String BAR = "#2f6fb0";
  static final String TEAM_BAR = "#6f42c1";
  static final String INPUT = "#1b7f8c";
  static final String CACHED = "#6ea8de";
  static final String OUTPUT = "#b35900";
  static final String REASONING = "#e69f55";
  static final String GRID = "#d0d7de";
  static final String INK = "#24292f";
  static final String MUTED = "#57606a";

  private static final int WIDTH = 760;
  private static final int MAX_BARS = 12;

  private SvgCharts() {}

  /** One bar of a horizontal chart. */
  record Bar(String label, double value, String valueText, String color) {}

  /** Vertical bars, one per day, with a money axis. */
  static String costPerDay(List<DayTotal> days) {
    int height = 260;
    int left = 72;
    int right = 16;
    int top = 16;
    int bottom = 40;
    double plotW = WIDTH - left - right;
    double plotH = height - top - bottom;
    double max = 0;
    for (DayTotal d : days) {
      max = Math.max(max, d.costUsd().doubleValue());
    }
    double scaleMax = niceCeiling(max);
    StringBuilder s = open("Cost per day (USD)", WIDTH, height);
    for (int i = 0; i <= 4; i++) {
      double v = scaleMax * i / 4;
      double y = top + plotH - plotH * i / 4;
      line(s, left, y, WIDTH - right, y, GRID);
      text(s, left - 6, y + 4, "end", MUTED, Html.axisMoney(v));
    }
    int n = days.size();
    double slot = plotW / Math.max(1, n);
    double barW = Math.min(48, Math.max(1, slot * 0.8));
    int labelEvery = (int) Math.ceil(n / 12.0);
    for (int i = 0; i < n; i++) {
      DayTotal d = days.get(i);
      double h = scaleMax == 0 ? 0 : plotH * d.costUsd().doubleValue() / scaleMax;
      double x = left + slot * i + (slot - barW) / 2;
      s.append("<rect x=\"")
          .append(Html.num(x))
          .append("\" y=\"")
          .append(Html.num(top + plotH - h))
          .append("\" width=\"")
          .append(Html.num(barW))
          .append("\" height=\"")
          .append(Html.num(h))
          .append("\" fill=\"")
          .append(BAR)
          .append("\"><title>")
          .append(
              Html.esc(
                  d.day()
                      + ": "
                      + Html.money(d.costUsd())
                      + ", "
                      + Html.count(d.requests())
                      + " requests"))
          .append("</title></rect>");
      if (i % labelEvery == 0) {
        text(
            s,
            left + slot * i + slot / 2,
            top + plotH + 16,
            "middle",
            MUTED,
            d.day().toString().substring(5));
      }
    }
    line(s, left, top + plotH, WIDTH - right, top + plotH, INK);
    if (max == 0) {
      text(s, left + plotW / 2, top + plotH / 2, "middle", MUTED, "No cost in this period");
    }
    text(s, left + plotW / 2, height - 6, "middle", MUTED, "UTC day (MM-DD)");
    return close(s);
  }

  /** Cost per team, the largest first; beyond the 12th, the rest in one bar. */
  static String costByTeam(Breakdown byTeam) {
    List<Bar> bars = new ArrayList<>();
    List<Breakdown.Row> rows = byTeam.rows();
    BigDecimal rest = BigDecimal.ZERO;
    int restCount = 0;
    for (int i = 0; i < rows.size(); i++) {
      BigDecimal c = rows.get(i).totals().costUsd();
      if (rows.size() <= MAX_BARS || i < MAX_BARS - 1) {
        bars.add(new Bar(rows.get(i).label(), c.doubleValue(), Html.money(c), TEAM_BAR));
      } else {
        rest = rest.add(c);
        restCount++;
      }
    }
    if (restCount > 0) {
      bars.add(
          new Bar("other (" + restCount + " teams)", rest.doubleValue(), Html.money(rest), MUTED));
    }
    return horizontal("Cost by team (USD)", bars, Html::axisMoney, "No requests in this period");
  }

  /**
   * Tokens by kind, without overlap: input splits into uncached and cached, output into visible and
   * reasoning.
   */
  static String tokensByKind(Totals t) {
    long uncached = Math.max(0, t.inputTokens() - t.cachedInputTokens());
    long visible = Math.max(0, t.outputTokens() - t.reasoningTokens());
    List<Bar> bars =
        List.of(
            new Bar("Input (uncached)", uncached, Html.count(uncached), INPUT),
            new Bar(
                "Cached input", t.cachedInputTokens(), Html.count(t.cachedInputTokens()), CACHED),
            new Bar("Output (visible)", visible, Html.count(visible), OUTPUT),
            new Bar(
                "Reasoning output",
                t.reasoningTokens(),
                Html.count(t.reasoningTokens()),
                REASONING));
    return horizontal(
        "Tokens by kind", bars, v -> Html.count(Math.round(v)), "No tokens in this period");
  }

  private static String horizontal(
      String title, List<Bar> bars, DoubleFunction<String> axis, String empty) {
    int left = 180;
    int right = 110;
    int top = 12;
    int row = 26;
    int bottom = 28;
    int n = Math.max(1, bars.size());
    int height = top + row * n + bottom;
    double plotW = WIDTH - left - right;
    double max = 0;
    for (Bar b : bars) {
      max = Math.max(max, b.value());
    }
    double scaleMax = niceCeiling(max);
    StringBuilder s = open(title, WIDTH, height);
    double plotBottom = top + row * n;
    for (int i = 0; i <= 4; i++) {
      double x = left + plotW * i / 4;
      line(s, x, top, x, plotBottom, GRID);
      text(s, x, plotBottom + 16, "middle", MUTED, axis.apply(scaleMax * i / 4));
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = top + row * i;
      double w = scaleMax == 0 ? 0 : plotW * b.value() / scaleMax;
      String label = shorten(b.label(), 26);
      s.append("<g><title>").append(Html.esc(b.label() + ": " + b.valueText())).append("</title>");
      text(s, left - 8, y + row / 2.0 + 4, "end", INK, label);
      s.append("<rect x=\"")
          .append(left)
          .append("\" y=\"")
          .append(Html.num(y + 4))
          .append("\" width=\"")
          .append(Html.num(w))
          .append("\" height=\"")
          .append(row - 8)
          .append("\" fill=\"")
          .append(b.color())
          .append("\"></rect>");
      text(s, left + w + 6, y + row / 2.0 + 4, "start", INK, b.valueText());
      s.append("</g>");
    }
    if (bars.isEmpty() || max == 0) {
      text(s, left + plotW / 2, top + row / 2.0 + 4, "middle", MUTED, empty);
    }
    return close(s);
  }

  /** At most {@code max} code points, an ellipsis marking a cut. */
  static String shorten(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
  }

  /** The smallest 1, 2, 2.5 or 5 × 10^k at or above v (1 for 0). */
  static double niceCeiling(double v) {
    if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v * (1 - 1e-12)) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static StringBuilder open(String title, int w, int h) {
    StringBuilder s = new StringBuilder(4096);
    s.append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(title))
        .append("\"><title>")
        .append(Html.esc(title))
        .append("</title>");
    return s;
  }

  private static String close(StringBuilder s) {
    return s.append("</svg>").toString();
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String c) {
    s.append("<line x1=\"")
        .append(Html.num(x1))
        .append("\" y1=\"")
        .append(Html.num(y1))
        .append("\" x2=\"")
        .append(Html.num(x2))
        .append("\" y2=\"")
        .append(Html.num(y2))
        .append("\" stroke=\"")
        .append(c)
        .append("\" stroke-width=\"1\"></line>");
  }

  private static void text(
      StringBuilder s, double x, double y, String anchor, String color, String text) {
    s.append("<text x=\"")
        .append(Html.num(x))
        .append("\" y=\"")
        .append(Html.num(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" fill=\"")
        .append(color)
        .append("\" font-size=\"12\">")
        .append(Html.esc(text))
        .append("</text>");
  }
}
