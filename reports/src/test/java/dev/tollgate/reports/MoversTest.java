package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoversTest {
  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void biggestAbsoluteChangeFirstInBothDirections() {
    Map<String, BigDecimal> now =
        Map.of("up", d("15"), "down", d("1"), "same", d("3"), "new", d("2"));
    Map<String, BigDecimal> before =
        Map.of("up", d("5"), "down", d("12.5"), "same", d("3.00"), "gone", d("4"));

    List<Mover> m = CostReportBuilder.movers("team", now, before);

    // down -11.5, up +10, gone -4, new +2; "same" is left out (3 = 3.00).
    assertThat(m).extracting(Mover::name).containsExactly("down", "up", "gone", "new");
    assertThat(m.get(0).changeUsd()).isEqualByComparingTo("-11.5");
    assertThat(m.get(0).changeShare()).isEqualByComparingTo("-0.92"); // -11.5 / 12.5
    assertThat(m.get(1).changeShare()).isEqualByComparingTo("2"); // +10 / 5
    assertThat(m.get(2).currentUsd()).isEqualByComparingTo("0");
    assertThat(m.get(2).changeShare()).isEqualByComparingTo("-1");
    assertThat(m.get(3).previousUsd()).isEqualByComparingTo("0");
    assertThat(m.get(3).changeShare()).isNull();
  }

  @Test
  void keepsTheTopTenAndBreaksTiesByName() {
    Map<String, BigDecimal> now = new HashMap<>();
    for (int i = 0; i < 25; i++) {
      now.put(String.format("team-%02d", i), BigDecimal.valueOf(i % 5 + 1));
    }
    List<Mover> m = CostReportBuilder.movers("deployment", now, Map.of());
    assertThat(m).hasSize(CostReportBuilder.TOP_MOVERS);
    // The five teams with 5 USD, by name, then those with 4 USD.
    assertThat(m)
        .extracting(Mover::name)
        .containsExactly(
            "team-04", "team-09", "team-14", "team-19", "team-24", "team-03", "team-08", "team-13",
            "team-18", "team-23");
    assertThat(m).allSatisfy(x -> assertThat(x.kind()).isEqualTo("deployment"));
  }
}
