package dev.tollgate.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A team's month so far against its monthly budget.
 *
 * <p>The month-end forecast is a straight-line projection of the month to date: {@code forecast =
 * spent × days in month ÷ days elapsed}, where the days elapsed are the days from the 1st through
 * the report's last day, that day counted as complete (a daily report run after midnight UTC covers
 * yesterday, so it is). Example: 310 USD spent by the end of June 10 projects to 310 × 30 ÷ 10 =
 * 930 USD. On the last day of the month the forecast equals the spend. The forecast is rounded
 * half-up to 6 decimals.
 *
 * <p>Status: {@code over} when the spend already exceeds the budget, else {@code at_risk} when the
 * forecast exceeds it, else {@code ok}; {@code no_budget} for a team that spent without one.
 *
 * @param team APIM subscription id
 * @param budgetUsd monthly budget, null without one
 * @param spentUsd cost from the 1st of the month through the report's last day
 * @param forecastUsd month-end forecast
 * @param spentShare spent over budget as a fraction (4 decimals); null without a budget or with 0
 * @param forecastShare forecast over budget as a fraction; null likewise
 * @param status ok, at_risk, over or no_budget
 */
public record BudgetStatus(
    String team,
    BigDecimal budgetUsd,
    BigDecimal spentUsd,
    BigDecimal forecastUsd,
    BigDecimal spentShare,
    BigDecimal forecastShare,
    Status status) {

  /** Where a team stands. */
  public enum Status {
    OK("ok"),
    AT_RISK("at_risk"),
    OVER("over"),
    NO_BUDGET("no_budget");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** Scale of a forecast: micro-dollars. */
  public static final int FORECAST_SCALE = 6;

  /** The month-end forecast: {@code spent × days in month ÷ days elapsed} (see the class doc). */
  public static BigDecimal forecast(BigDecimal spent, LocalDate asOf) {
    int elapsed = asOf.getDayOfMonth();
    int inMonth = asOf.lengthOfMonth();
    return Numbers.plain(
        spent
            .multiply(BigDecimal.valueOf(inMonth))
            .divide(BigDecimal.valueOf(elapsed), FORECAST_SCALE, RoundingMode.HALF_UP));
  }

  /** over / at_risk / ok against a budget, no_budget without one. */
  public static Status status(BigDecimal spent, BigDecimal forecast, BigDecimal budget) {
    if (budget == null) {
      return Status.NO_BUDGET;
    }
    if (spent.compareTo(budget) > 0) {
      return Status.OVER;
    }
    if (forecast.compareTo(budget) > 0) {
      return Status.AT_RISK;
    }
    return Status.OK;
  }

  /** The status of a team from its month-to-date spend. */
  public static BudgetStatus of(String team, BigDecimal budget, BigDecimal spent, LocalDate asOf) {
    BigDecimal s = Numbers.plain(spent);
    BigDecimal f = forecast(s, asOf);
    return new BudgetStatus(
        team,
        budget == null ? null : Numbers.plain(budget),
        s,
        f,
        budget == null ? null : Numbers.ratio(s, budget),
        budget == null ? null : Numbers.ratio(f, budget),
        status(s, f, budget));
  }
}
