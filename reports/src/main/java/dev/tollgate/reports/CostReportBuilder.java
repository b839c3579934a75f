package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds records into a {@link CostReport} in one pass. Memory holds the per-group totals (teams,
 * products, deployments, models, their combinations, days of the period) and the {@link ItemIdSet}
 * of the records in the report's windows, never the records.
 *
 * <p>Three windows of UTC days are kept, each with its own sums: the report's period (everything),
 * the previous period of the same length (cost per team and per deployment, for the movers), and
 * the month to date of the report's last day (cost per team, for the budgets). A record outside all
 * three is counted in {@link InputStats#outsidePeriod()} only. Only LLM requests are reported.
 */
public final class CostReportBuilder implements RecordSink {
  /** Movers listed per kind. */
  public static final int TOP_MOVERS = 10;

  private static final int MALFORMED_SAMPLES = 5;

  private final ReportPeriod period;
  private final ReportPeriod previous;
  private final LocalDate monthStart;
  private final Budgets budgets;
  private final ItemIdSet seen = new ItemIdSet();

  private final Totals totals = new Totals();
  private final Totals previousTotals = new Totals();
  private final Map<String, Totals> byTeam = new HashMap<>();
  private final Map<String, Totals> byProduct = new HashMap<>();
  private final Map<String, Totals> byDeployment = new HashMap<>();
  private final Map<String, Totals> byModel = new HashMap<>();
  private final Map<List<String>, Totals> detail = new HashMap<>();
  private final Map<LocalDate, Totals> byDay = new TreeMap<>();
  private final Map<String, Totals> unpriced = new HashMap<>();
  private final Map<String, BigDecimal> previousTeamCost = new HashMap<>();
  private final Map<String, BigDecimal> previousDeploymentCost = new HashMap<>();
  private final Map<String, BigDecimal> monthTeamCost = new HashMap<>();
  private final GatewayBypass bypass = new GatewayBypass();
  private final UsageCharges charges = new UsageCharges();

  private long records;
  private long malformed;
  private long notLlm;
  private long withoutTime;
  private long outside;
  private long duplicates;
  private long withoutItemId;
  private long resourceLog;
  private final List<String> malformedSamples = new ArrayList<>();

  public CostReportBuilder(ReportPeriod period, Budgets budgets) {
    this.period = Objects.requireNonNull(period, "period");
    this.previous = period.previous();
    this.monthStart = period.to().withDayOfMonth(1);
    this.budgets = budgets == null ? Budgets.none() : budgets;
  }

  /** The first day any window needs: what a source must read from. */
  public LocalDate readFrom() {
    return previous.from().isBefore(monthStart) ? previous.from() : monthStart;
  }

  /** The last day any window needs. */
  public LocalDate readTo() {
    return period.to();
  }

  @Override
  public void accept(UsageRecord r) {
    records++;
    if (r.resourceLog()) {
      accountView(r);
      return;
    }
    if (!r.llm()) {
      notLlm++;
      return;
    }
    LocalDate day = r.day();
    if (day == null) {
      withoutTime++;
      return;
    }
    boolean current = period.contains(day);
    boolean before = previous.contains(day);
    boolean month = !day.isBefore(monthStart) && !day.isAfter(period.to());
    if (!current && !before && !month) {
      outside++;
      return;
    }
    if (r.itemId() == null) {
      withoutItemId++;
    } else if (!seen.add(r.itemId())) {
      duplicates++;
      return;
    }
    BigDecimal cost = r.costUsd() == null ? BigDecimal.ZERO : r.costUsd();
    if (current) {
      totals.add(r);
      charges.add(day, r);
      add(byTeam, r.team(), r);
      add(byProduct, r.product(), r);
      add(byDeployment, r.deployment(), r);
      add(byModel, r.model(), r);
      detail
          .computeIfAbsent(
              List.of(r.team(), r.product(), r.deployment(), r.model()), k -> new Totals())
          .add(r);
      byDay.computeIfAbsent(day, d -> new Totals()).add(r);
      if (r.unpriced()) {
        add(unpriced, r.model(), r);
      }
      bypass.gateway(r);
    }
    if (before) {
      previousTotals.add(r);
      previousTeamCost.merge(r.team(), cost, BigDecimal::add);
      previousDeploymentCost.merge(r.deployment(), cost, BigDecimal::add);
    }
    if (month) {
      monthTeamCost.merge(r.team(), cost, BigDecimal::add);
    }
  }

  /**
   * A resource-log record: the account's own view of calls GatewayLogs records count (or of calls
   * that bypassed APIM), so never a request or spend of its own; its calls only feed the bypass.
   */
  private void accountView(UsageRecord r) {
    resourceLog++;
    charges.account(r);
    LocalDate day = r.day();
    if (!r.accountRequest() || day == null || !period.contains(day)) {
      return;
    }
    if (r.itemId() != null && !seen.add(r.itemId())) {
      duplicates++;
      return;
    }
    bypass.account(r);
  }

  @Override
  public void malformed(String location, String reason) {
    malformed++;
    if (malformedSamples.size() < MALFORMED_SAMPLES) {
      malformedSamples.add(location + ": " + reason);
    }
  }

  private static void add(Map<String, Totals> map, String key, UsageRecord r) {
    map.computeIfAbsent(key, k -> new Totals()).add(r);
  }

  /** The report, as of what was accepted so far. */
  public CostReport build(Instant generatedAt, String source) {
    return report(generatedAt, source).withUsageCharges(charges.rows());
  }

  private CostReport report(Instant generatedAt, String source) {
    List<Breakdown> breakdowns =
        List.of(
            breakdown("by-team", List.of("team"), byTeam),
            breakdown("by-product", List.of("product"), byProduct),
            breakdown("by-deployment", List.of("deployment"), byDeployment),
            breakdown("by-model", List.of("model"), byModel),
            new Breakdown(
                "by-team-product-deployment-model",
                List.of("team", "product", "deployment", "model"),
                rows(detail)));
    List<DayTotal> days = new ArrayList<>();
    for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
      Totals t = byDay.get(d);
      days.add(
          t == null
              ? new DayTotal(d, 0, BigDecimal.ZERO)
              : new DayTotal(d, t.requests(), t.costUsd()));
    }
    List<Mover> movers = new ArrayList<>();
    movers.addAll(movers("team", costs(byTeam), previousTeamCost));
    movers.addAll(movers("deployment", costs(byDeployment), previousDeploymentCost));
    List<UnpricedModel> unpricedModels = new ArrayList<>();
    for (Breakdown.Row row : breakdown("unpriced", List.of("model"), unpriced).rows()) {
      Totals t = row.totals();
      unpricedModels.add(
          new UnpricedModel(
              row.key().get(0),
              t.requests(),
              t.inputTokens(),
              t.cachedInputTokens(),
              t.outputTokens()));
    }
    unpricedModels.sort(
        Comparator.comparingLong(UnpricedModel::requests)
            .reversed()
            .thenComparing(UnpricedModel::model));
    InputStats input =
        new InputStats(
            records,
            malformed,
            notLlm,
            withoutTime,
            outside,
            duplicates,
            withoutItemId,
            resourceLog,
            malformedSamples);
    return new CostReport(
        period,
        previous,
        generatedAt,
        source,
        totals,
        previousTotals,
        breakdowns,
        days,
        budgets(),
        movers,
        unpricedModels,
        bypass.rows(),
        input,
        List.of());
  }

  private BudgetSummary budgets() {
    LocalDate asOf = period.to();
    List<BudgetStatus> teams = new ArrayList<>();
    Set<String> done = new HashSet<>();
    BigDecimal spent = BigDecimal.ZERO;
    for (BigDecimal v : monthTeamCost.values()) {
      spent = spent.add(v);
    }
    for (Map.Entry<String, BigDecimal> b : budgets.byTeam().entrySet()) {
      BigDecimal s = monthTeamCost.getOrDefault(b.getKey(), BigDecimal.ZERO);
      teams.add(BudgetStatus.of(b.getKey(), b.getValue(), s, asOf));
      done.add(b.getKey());
    }
    teams.sort(
        Comparator.comparingInt((BudgetStatus b) -> severity(b.status()))
            .thenComparing(BudgetStatus::spentUsd, Comparator.reverseOrder())
            .thenComparing(BudgetStatus::team));
    List<BudgetStatus> unbudgeted = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : monthTeamCost.entrySet()) {
      if (!done.contains(e.getKey()) && e.getValue().signum() != 0) {
        unbudgeted.add(BudgetStatus.of(e.getKey(), null, e.getValue(), asOf));
      }
    }
    unbudgeted.sort(
        Comparator.comparing(BudgetStatus::spentUsd, Comparator.reverseOrder())
            .thenComparing(BudgetStatus::team));
    teams.addAll(unbudgeted);
    BigDecimal plainSpent = Numbers.plain(spent);
    return new BudgetSummary(
        YearMonth.from(asOf), asOf, plainSpent, BudgetStatus.forecast(plainSpent, asOf), teams);
  }

  private static int severity(BudgetStatus.Status s) {
    return switch (s) {
      case OVER -> 0;
      case AT_RISK -> 1;
      case OK -> 2;
      case NO_BUDGET -> 3;
    };
  }

  private static Map<String, BigDecimal> costs(Map<String, Totals> map) {
    Map<String, BigDecimal> out = new HashMap<>();
    map.forEach((k, t) -> out.put(k, t.costUsd()));
    return out;
  }

  /** The biggest absolute cost changes, unchanged ones left out. */
  static List<Mover> movers(
      String kind, Map<String, BigDecimal> current, Map<String, BigDecimal> previous) {
    Set<String> names = new HashSet<>(current.keySet());
    names.addAll(previous.keySet());
    List<Mover> out = new ArrayList<>();
    for (String n : names) {
      BigDecimal now = Numbers.plain(current.getOrDefault(n, BigDecimal.ZERO));
      BigDecimal before = Numbers.plain(previous.getOrDefault(n, BigDecimal.ZERO));
      BigDecimal change = Numbers.plain(now.subtract(before));
      if (change.signum() != 0) {
        out.add(new Mover(kind, n, before, now, change, Numbers.ratio(change, before)));
      }
    }
    out.sort(
        Comparator.comparing((Mover m) -> m.changeUsd().abs(), Comparator.reverseOrder())
            .thenComparing(Mover::name));
    return out.size() > TOP_MOVERS ? List.copyOf(out.subList(0, TOP_MOVERS)) : out;
  }

  private static Breakdown breakdown(String name, List<String> dims, Map<String, Totals> map) {
    Map<List<String>, Totals> keyed = new HashMap<>();
    map.forEach((k, t) -> keyed.put(List.of(k), t));
    return new Breakdown(name, dims, rows(keyed));
  }

  private static List<Breakdown.Row> rows(Map<List<String>, Totals> map) {
    List<Breakdown.Row> rows = new ArrayList<>();
    map.forEach((k, t) -> rows.add(new Breakdown.Row(k, t)));
    rows.sort(
        Comparator.comparing((Breakdown.Row r) -> r.totals().costUsd(), Comparator.reverseOrder())
            .thenComparing(r -> r.totals().requests(), Comparator.reverseOrder())
            .thenComparing(Breakdown.Row::label));
    return rows;
  }
}
