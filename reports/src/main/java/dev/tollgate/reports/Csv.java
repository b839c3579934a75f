package dev.tollgate.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 text: CRLF line ends, a field in double quotes when it holds a comma, a quote, CR or LF
 * (or starts or ends with a space), quotes doubled inside. Numbers are plain decimals ({@code
 * 0.000123}, never {@code 1.23E-4}); an unknown number is an empty field.
 *
 * <p>Text fields that a spreadsheet would run as a formula (starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or CR) get a leading apostrophe, so a hostile team or deployment name
 * cannot execute in the finance team's spreadsheet. Numbers are never changed.
 */
public final class Csv {
  private final StringBuilder out = new StringBuilder();

  /** Starts a document with its header row. */
  public Csv(List<String> header) {
    Row r = row();
    header.forEach(r::text);
    r.end();
  }

  public Row row() {
    return new Row();
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** One record; call {@link #end()} when its fields are added. */
  public final class Row {
    private final List<String> fields = new ArrayList<>();

    public Row text(String s) {
      fields.add(quote(guard(s == null ? "" : s)));
      return this;
    }

    public Row number(BigDecimal v) {
      fields.add(Numbers.text(v));
      return this;
    }

    public Row number(long v) {
      fields.add(Long.toString(v));
      return this;
    }

    public void end() {
      out.append(String.join(",", fields)).append("\r\n");
    }
  }

  /** Quotes a field when RFC 4180 requires it (and when it has outer spaces). */
  static String quote(String s) {
    boolean needs =
        s.indexOf(',') >= 0
            || s.indexOf('"') >= 0
            || s.indexOf('\n') >= 0
            || s.indexOf('\r') >= 0
            || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
    return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  static String guard(String s) {
    if (!s.isEmpty()) {
      char c = s.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        return "'" + s;
      }
    }
    return s;
  }
}
