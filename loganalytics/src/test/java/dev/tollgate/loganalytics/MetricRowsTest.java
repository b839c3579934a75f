package dev.tollgate.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRowsTest {
  private static final KqlQuery QUERY =
      KqlQuery.parse("apim-throttling-by-subscription.kql", "// T.\n// scope: workspace\n");
  private static final Instant WINDOW_END = Instant.parse("2025-06-01T10:15:00Z");

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void numericColumnsBecomeItemsAndTheRestDimensions() {
    LogsQueryResult result =
        LogsQueryResult.complete(
            List.of("timestamp", "subscription", "requests", "throttle_rate", "note"),
            List.of(
                row(
                    "timestamp",
                    Instant.parse("2025-06-01T10:05:00Z"),
                    "subscription",
                    "team-search",
                    "requests",
                    120L,
                    "throttle_rate",
                    0.025,
                    "note",
                    null)));

    List<MetricRow> items = MetricRows.of(QUERY, result, WINDOW_END);

    assertThat(items)
        .extracting(MetricRow::name)
        .containsExactly(
            "tollgate.la.apim-throttling-by-subscription.requests",
            "tollgate.la.apim-throttling-by-subscription.throttle_rate");
    assertThat(items).extracting(MetricRow::value).containsExactly(120.0, 0.025);
    MetricRow first = items.get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2025-06-01T10:05:00Z"));
    assertThat(first.dimensions())
        .containsEntry("subscription", "team-search")
        .containsEntry("tollgate.query", "apim-throttling-by-subscription.kql")
        .doesNotContainKeys("note", "timestamp", "tollgate.partial");
    assertThat(first.itemId()).startsWith("la:h").hasSize(4 + 32);
    assertThat(items.get(1).itemId()).isNotEqualTo(first.itemId());
  }

  @Test
  void idsAreDeterministicAndSeparateSeries() {
    Map<String, Object> a = row("subscription", "a", "requests", 1L);
    Map<String, Object> b = row("subscription", "b", "requests", 1L);
    LogsQueryResult result =
        LogsQueryResult.complete(List.of("subscription", "requests"), List.of(a, b));

    List<MetricRow> once = MetricRows.of(QUERY, result, WINDOW_END);
    List<MetricRow> again = MetricRows.of(QUERY, result, WINDOW_END);
    List<MetricRow> later = MetricRows.of(QUERY, result, WINDOW_END.plusSeconds(900));

    assertThat(once).extracting(MetricRow::itemId).doesNotHaveDuplicates();
    assertThat(again)
        .extracting(MetricRow::itemId)
        .isEqualTo(once.stream().map(MetricRow::itemId).toList());
    assertThat(later.get(0).itemId()).isNotEqualTo(once.get(0).itemId());
    // Without a time column, an item belongs to the end of the window.
    assertThat(once).extracting(MetricRow::time).containsOnly(WINDOW_END);
  }

  @Test
  void partialResultsFlagTheirItemsButKeepTheirIds() {
    Map<String, Object> r = row("subscription", "a", "requests", 3L);
    var complete = LogsQueryResult.complete(List.of("subscription", "requests"), List.of(r));
    var partial =
        new LogsQueryResult(List.of("subscription", "requests"), List.of(r), true, "PartialError");

    MetricRow c = MetricRows.of(QUERY, complete, WINDOW_END).get(0);
    MetricRow p = MetricRows.of(QUERY, partial, WINDOW_END).get(0);

    assertThat(p.dimensions()).containsEntry("tollgate.partial", "true");
    assertThat(p.itemId()).isEqualTo(c.itemId());
  }

  @Test
  void skipsNonFiniteNumbersAndReadsOtherTimeColumnsAndTypes() {
    var result =
        LogsQueryResult.complete(
            List.of("TimeGenerated", "p95_ms", "cost", "flag"),
            List.of(
                row(
                    "TimeGenerated",
                    "2025-06-01T10:01:00Z",
                    "p95_ms",
                    Double.POSITIVE_INFINITY,
                    "cost",
                    new BigDecimal("1.25"),
                    "flag",
                    true)));

    List<MetricRow> items = MetricRows.of(QUERY, result, WINDOW_END);

    assertThat(items)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.name()).endsWith(".cost");
              assertThat(i.value()).isEqualTo(1.25);
              assertThat(i.time()).isEqualTo(Instant.parse("2025-06-01T10:01:00Z"));
              assertThat(i.dimensions()).containsEntry("flag", "true");
            });
  }
}
