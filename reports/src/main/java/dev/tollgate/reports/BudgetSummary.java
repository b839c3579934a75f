package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The month of the report's last day so far, per team: budgeted teams first (in the budgets' order
 * of severity: over, at risk, ok; then by spend), then teams that spent without a budget.
 *
 * @param month the month
 * @param asOf the report's last day, counted as complete
 * @param spentUsd every team's cost from the 1st through {@code asOf}
 * @param forecastUsd month-end forecast of the whole spend
 * @param teams one per budgeted team and per team that spent
 */
public record BudgetSummary(
    YearMonth month,
    LocalDate asOf,
    BigDecimal spentUsd,
    BigDecimal forecastUsd,
    List<BudgetStatus> teams) {
  public BudgetSummary {
    teams = List.copyOf(teams);
  }

  public int daysElapsed() {
    return asOf.getDayOfMonth();
  }

  public int daysInMonth() {
    return asOf.lengthOfMonth();
  }

  public long count(BudgetStatus.Status status) {
    return teams.stream().filter(t -> t.status() == status).count();
  }
}
