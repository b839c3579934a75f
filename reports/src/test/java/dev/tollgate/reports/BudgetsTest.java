package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BudgetsTest {
  @Test
  void readsJsonAndKeyValueForms() {
    Budgets json = Budgets.parse("{\"team-a\": 500, \"team-b\": \"1200.50\"}");
    assertThat(json.byTeam()).containsOnlyKeys("team-a", "team-b");
    assertThat(json.of("team-b")).isEqualByComparingTo("1200.50");

    Budgets pairs = Budgets.parse("# monthly USD\nteam-a = 500\n\nteam-b=$1_200.50, team-c=0\r\n");
    assertThat(pairs.byTeam().keySet()).containsExactly("team-a", "team-b", "team-c");
    assertThat(pairs.of("team-b")).isEqualByComparingTo("1200.50");
    assertThat(pairs.of("nobody")).isNull();

    assertThat(Budgets.parse("team-a=1,team-b=2").byTeam()).hasSize(2);
    assertThat(Budgets.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void badEntriesAreNamed() {
    assertThatThrownBy(() -> Budgets.parse("team-a=lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("team-a")
        .hasMessageContaining("lots");
    assertThatThrownBy(() -> Budgets.parse("team-a 500")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> Budgets.parse("team-a=-1")).hasMessageContaining("negative");
    assertThatThrownBy(() -> Budgets.parse("a=1\na=2")).hasMessageContaining("two budgets");
    assertThatThrownBy(() -> Budgets.parse("{\"a\": [1]}")).hasMessageContaining("'a'");
    assertThatThrownBy(() -> Budgets.parse("{\"a\": 1")).hasMessageContaining("invalid JSON");
  }

  @Test
  void forecastIsSpentTimesDaysInMonthOverDaysElapsed() {
    // 310 USD by the end of June 10: 310 * 30 / 10 = 930.
    assertThat(BudgetStatus.forecast(new BigDecimal("310"), LocalDate.of(2025, 6, 10)))
        .isEqualByComparingTo("930");
    // 100 by the end of Feb 7, 2024 (leap year): 100 * 29 / 7 = 414.285714 (6 decimals, half up).
    assertThat(BudgetStatus.forecast(new BigDecimal("100"), LocalDate.of(2024, 2, 7)))
        .isEqualByComparingTo("414.285714");
    // On the last day the forecast is the spend.
    assertThat(BudgetStatus.forecast(new BigDecimal("12.34"), LocalDate.of(2025, 1, 31)))
        .isEqualByComparingTo("12.34");
    // The 1st: a whole month of the first day's pace.
    assertThat(BudgetStatus.forecast(new BigDecimal("2"), LocalDate.of(2025, 4, 1)))
        .isEqualByComparingTo("60");
  }

  @Test
  void statusOverAtRiskOkAndNoBudget() {
    LocalDate d = LocalDate.of(2025, 6, 10);
    BigDecimal budget = new BigDecimal("100");
    // Spent 40, forecast 120: at risk.
    assertThat(BudgetStatus.of("t", budget, new BigDecimal("40"), d).status())
        .isEqualTo(BudgetStatus.Status.AT_RISK);
    // Spent 101: over, whatever the forecast.
    assertThat(BudgetStatus.of("t", budget, new BigDecimal("101"), d).status())
        .isEqualTo(BudgetStatus.Status.OVER);
    // Forecast exactly the budget is still ok; spent exactly the budget is not over.
    assertThat(BudgetStatus.of("t", new BigDecimal("90"), new BigDecimal("30"), d).status())
        .isEqualTo(BudgetStatus.Status.OK);
    assertThat(
            BudgetStatus.of("t", budget, new BigDecimal("100"), LocalDate.of(2025, 6, 30)).status())
        .isEqualTo(BudgetStatus.Status.OK);
    BudgetStatus none = BudgetStatus.of("t", null, new BigDecimal("5"), d);
    assertThat(none.status()).isEqualTo(BudgetStatus.Status.NO_BUDGET);
    assertThat(none.spentShare()).isNull();
    // A zero budget: any spend is over, and shares are undefined.
    BudgetStatus zero = BudgetStatus.of("t", BigDecimal.ZERO, new BigDecimal("0.01"), d);
    assertThat(zero.status()).isEqualTo(BudgetStatus.Status.OVER);
    assertThat(zero.spentShare()).isNull();
  }
}
