package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side reader of the FOCUS file: rows by {@link FocusColumn} (the writer's own column list),
 * and the spec's column table ({@code reports/focus/focus-1.2-columns.csv}).
 */
final class FocusFile {
  private FocusFile() {}

  /** One column of the FOCUS 1.2 table. */
  record SpecColumn(
      String id,
      String featureLevel,
      boolean allowsNulls,
      String dataType,
      String valueFormat,
      List<String> allowedValues) {
    boolean mandatory() {
      return featureLevel.equals("Mandatory");
    }
  }

  /** The spec's 57 columns by id, in the table's order. */
  static Map<String, SpecColumn> spec() {
    try (InputStream in =
        FocusFile.class.getResourceAsStream("/reports/focus/focus-1.2-columns.csv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
      List<List<String>> rows = CsvTest.parse(text.replace("\n", "\r\n"));
      Map<String, SpecColumn> out = new LinkedHashMap<>();
      List<String> h = rows.get(0);
      for (List<String> r : rows.subList(1, rows.size())) {
        String allowed = r.get(h.indexOf("AllowedValues"));
        out.put(
            r.get(0),
            new SpecColumn(
                r.get(0),
                r.get(h.indexOf("FeatureLevel")),
                Boolean.parseBoolean(r.get(h.indexOf("AllowsNulls"))),
                r.get(h.indexOf("DataType")),
                r.get(h.indexOf("ValueFormat")),
                allowed.isEmpty() || allowed.startsWith("(")
                    ? List.of()
                    : List.of(allowed.split("\\|"))));
      }
      assertThat(out).hasSize(57);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header, then every row by column; checks each row has the header's width. */
  static List<Map<FocusColumn, String>> rows(String csv) {
    List<List<String>> rows = CsvTest.parse(csv);
    assertThat(rows.get(0)).containsExactlyElementsOf(FocusColumn.ids());
    List<Map<FocusColumn, String>> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      assertThat(r).hasSize(FocusColumn.values().length);
      Map<FocusColumn, String> m = new EnumMap<>(FocusColumn.class);
      for (FocusColumn c : FocusColumn.values()) {
        m.put(c, r.get(c.ordinal()));
      }
      out.add(m);
    }
    return out;
  }
}
