package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {
  /** A strict RFC 4180 reader, to check that what we write reads back field for field. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"') {
        if (field.length() != 0) {
          throw new AssertionError("quote inside an unquoted field at " + i);
        }
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          throw new AssertionError("bare CR at " + i);
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else if (c == '\n') {
        throw new AssertionError("bare LF at " + i);
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new AssertionError("unterminated quote");
    }
    if (field.length() != 0 || !row.isEmpty()) {
      throw new AssertionError("last record does not end with CRLF");
    }
    return rows;
  }

  @Test
  void quotesCommasQuotesAndLineBreaks() {
    assertThat(Csv.quote("plain")).isEqualTo("plain");
    assertThat(Csv.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.quote(" padded")).isEqualTo("\" padded\"");
    assertThat(Csv.quote("")).isEmpty();
  }

  @Test
  void textThatASpreadsheetWouldRunIsDefused() {
    Csv csv = new Csv(List.of("team", "cost_usd"));
    csv.row().text("=HYPERLINK(\"x\",\"y\")").number(new java.math.BigDecimal("-1.5")).end();
    csv.row().text("@sum").number(new java.math.BigDecimal("1E-7")).end();
    List<List<String>> rows = parse(csv.toString());
    assertThat(rows.get(1)).containsExactly("'=HYPERLINK(\"x\",\"y\")", "-1.5");
    // Plain decimals only, never exponent notation.
    assertThat(rows.get(2)).containsExactly("'@sum", "0.0000001");
  }

  @Test
  void everyReportCsvIsRfc4180WithAHeaderAndPlainNumbers() throws Exception {
    CostReport r =
        Fixtures.report(
            ReportPeriod.daily(LocalDate.of(2025, 6, 10)), CostReportGoldenTest.budgets());
    Map<String, String> files = CsvReport.render(r);
    assertThat(files.keySet())
        .containsExactly(
            "by-team",
            "by-product",
            "by-deployment",
            "by-model",
            "by-team-product-deployment-model",
            "by-day",
            "budgets",
            "movers",
            "unpriced-models",
            "gateway-bypass");
    for (Map.Entry<String, String> f : files.entrySet()) {
      List<List<String>> rows = parse(f.getValue());
      assertThat(rows).as(f.getKey()).isNotEmpty();
      int width = rows.get(0).size();
      assertThat(rows).as(f.getKey()).allSatisfy(row -> assertThat(row).hasSize(width));
      assertThat(f.getValue()).as(f.getKey()).doesNotContainPattern("\\d[eE][+-]?\\d");
    }

    List<List<String>> product = parse(files.get("by-product"));
    assertThat(product.get(0))
        .startsWith("from", "to", "product", "requests", "errors", "error_rate")
        .endsWith("cost_usd");
    assertThat(files.get("by-product")).contains("\"contoso, \"\"premium\"\"\"");
    assertThat(product)
        .anySatisfy(
            row ->
                assertThat(row)
                    .startsWith("2025-06-10", "2025-06-10", "contoso, \"premium\"", "2")
                    .endsWith("0.0027"));

    List<List<String>> team = parse(files.get("by-team"));
    assertThat(team.get(1)).startsWith("2025-06-10", "2025-06-10", "team-b").endsWith("0.0154");

    List<List<String>> budgets = parse(files.get("budgets"));
    assertThat(budgets.get(1))
        .containsExactly(
            "2025-06",
            "2025-06-10",
            "10",
            "30",
            "team-c",
            "0.002",
            "0.0027",
            "0.0081",
            "1.3500",
            "4.0500",
            "over");

    List<List<String>> movers = parse(files.get("movers"));
    assertThat(movers.get(1))
        .containsExactly(
            "2025-06-10",
            "2025-06-10",
            "2025-06-09",
            "2025-06-09",
            "team",
            "team-b",
            "0.0033",
            "0.0154",
            "0.0121",
            "3.6667");
    // A share with no previous cost is an empty field.
    assertThat(movers)
        .anySatisfy(
            row -> {
              assertThat(row.get(5)).isEqualTo("team-c");
              assertThat(row.get(9)).isEmpty();
            });
  }
}
