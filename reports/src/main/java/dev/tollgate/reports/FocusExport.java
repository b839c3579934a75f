package dev.tollgate.reports;

import static dev.tollgate.reports.FocusColumn.*;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's cost as a FOCUS 1.2 cost and usage file (README, "Cost reports"): one row per UTC
 * day, team, deployment, model and charge, token classes from {@link CostReport#usageCharges()},
 * PTU allocation from {@link CostReport#provisionedCharges()} (the idle part as team {@link
 * ProvisionedCharge#UNALLOCATED}). Tollgate prices at list price, so BilledCost, EffectiveCost,
 * ListCost and ContractedCost are the same exact figure, and BilledCost sums to the report's cost.
 */
public final class FocusExport {
  /** File-name suffix: {@code <period>-focus-cost.csv}. */
  public static final String NAME = "focus-cost";

  // Microsoft's values for a microsoft.cognitiveservices/accounts charge (FinOps toolkit
  // Services.csv); the billing account is not in any log Tollgate reads.
  static final String MICROSOFT = "Microsoft";
  static final String AI_SERVICES = "Azure AI Services";
  static final String AI_CATEGORY = "AI and Machine Learning";
  static final String AI_SUBCATEGORY = "AI Platforms";
  static final String UNKNOWN_BILLING_ACCOUNT = "unknown";
  static final String PTU_CHARGE = "ptu_allocation";

  /** Token prices are per 1M tokens in the catalog: the price list's block. */
  static final String PER_MILLION_TOKENS = "1000000 Tokens";

  static final String PTU_HOURS = "PTU-Hours";

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private FocusExport() {}

  /** The CSV text (RFC 4180 and formula guard of {@link Csv}; nulls are empty fields). */
  public static String render(CostReport r) {
    Csv csv = new Csv(FocusColumn.ids());
    for (Map<FocusColumn, Object> row : rows(r)) {
      Csv.Row c = csv.row();
      for (FocusColumn col : FocusColumn.values()) {
        Object v = row.get(col);
        if (v instanceof BigDecimal d) {
          c.number(d);
        } else if (v instanceof Long l) {
          c.number(l);
        } else {
          c.text((String) v);
        }
      }
      c.end();
    }
    return csv.toString();
  }

  /** The rows: usage charges in their order, then PTU allocation by day, account, deployment. */
  static List<Map<FocusColumn, Object>> rows(CostReport r) {
    List<Map<FocusColumn, Object>> rows = new ArrayList<>();
    Map<String, UsageCharge> known = new HashMap<>();
    for (UsageCharge u : r.usageCharges()) {
      rows.add(usage(u));
      if (u.account() != null && u.resourceId() != null) {
        known.putIfAbsent(u.account(), u);
      }
    }
    for (Map.Entry<List<String>, BigDecimal[]> e : ptuByDay(r).entrySet()) {
      rows.add(ptu(e.getKey(), e.getValue(), known));
    }
    return rows;
  }

  private static Map<FocusColumn, Object> usage(UsageCharge u) {
    Map<FocusColumn, Object> row = common(u.day(), u.account(), u.resourceId(), u.region());
    boolean tokenClass = UsageCharges.TOKEN_CLASSES.contains(u.charge());
    boolean perMillion = tokenClass && u.tokens() != null && u.tokens() > 0;
    BigDecimal quantity =
        perMillion
            ? Numbers.plain(BigDecimal.valueOf(u.tokens()).movePointLeft(6))
            : BigDecimal.ONE;
    costs(row, u.costUsd(), quantity, perMillion ? PER_MILLION_TOKENS : "Units");
    if (u.tokens() != null) {
      row.put(CONSUMED_QUANTITY, u.tokens());
      row.put(CONSUMED_UNIT, "Tokens");
    } else {
      row.put(CONSUMED_QUANTITY, u.requests());
      row.put(CONSUMED_UNIT, "Requests");
    }
    boolean whole = u.charge().equals(UsageCharge.NO_BREAKDOWN);
    row.put(
        CHARGE_DESCRIPTION,
        whole ? "usage (no breakdown)" : u.model() + " " + words(u.charge()) + " tokens");
    row.put(PRICING_CATEGORY, "Standard");
    row.put(SKU_METER, whole ? "Tokens" : title(u.charge()) + " Tokens");
    String id = priceId(u.priceRef());
    row.put(SKU_ID, skuId(id));
    row.put(SKU_PRICE_ID, (id == null ? u.model() : id) + (whole ? "" : "/" + u.charge()));
    dims(row, u.team(), u.product(), u.deployment(), u.model(), u.charge(), u.priceRef());
    row.put(X_USAGE_SOURCE, u.usageSource());
    row.put(X_REQUESTS, u.requests());
    return row;
  }

  /** PTU charges of the period summed per day (key as {@link #ptu} reads it): PTU-hours, USD. */
  private static Map<List<String>, BigDecimal[]> ptuByDay(CostReport r) {
    Map<List<String>, BigDecimal[]> sums = new TreeMap<>(FocusExport::compareKeys);
    for (ProvisionedCharge c : r.provisionedCharges()) {
      LocalDate day = LocalDate.ofInstant(c.hour(), ZoneOffset.UTC);
      if (!r.period().contains(day)) {
        continue;
      }
      List<String> key =
          java.util.Arrays.asList(
              day.toString(),
              c.account(),
              c.deployment(),
              c.model(),
              c.team(),
              c.product(),
              c.priceRef());
      BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {ZERO, ZERO});
      s[0] = s[0].add(c.ptuHours());
      s[1] = s[1].add(c.costUsd());
    }
    return sums;
  }

  private static final BigDecimal ZERO = BigDecimal.ZERO;

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i) == null ? "" : a.get(i);
      String y = b.get(i) == null ? "" : b.get(i);
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Map<FocusColumn, Object> ptu(
      List<String> k, BigDecimal[] sum, Map<String, UsageCharge> known) {
    String account = k.get(1);
    UsageCharge seen = account == null ? null : known.get(account);
    Map<FocusColumn, Object> row =
        common(
            LocalDate.parse(k.get(0)),
            account,
            seen == null ? null : seen.resourceId(),
            seen == null ? null : seen.region());
    BigDecimal hours = Numbers.plain(sum[0]);
    boolean priced = hours.signum() > 0;
    costs(
        row, Numbers.plain(sum[1]), priced ? hours : BigDecimal.ONE, priced ? PTU_HOURS : "Units");
    row.put(CONSUMED_QUANTITY, hours);
    row.put(CONSUMED_UNIT, PTU_HOURS);
    boolean idle = ProvisionedCharge.UNALLOCATED.equals(k.get(4));
    row.put(CHARGE_DESCRIPTION, idle ? "PTU allocation (idle capacity)" : "PTU allocation");
    String ref = k.get(6);
    // an hour priced by a reservation is committed use, at the hourly rate standard use
    boolean reserved = ref != null && ref.toLowerCase(Locale.ROOT).contains("reservation");
    row.put(PRICING_CATEGORY, reserved ? "Committed" : "Standard");
    row.put(SKU_METER, "Provisioned Throughput");
    String id = priceId(ref);
    row.put(SKU_ID, skuId(id));
    row.put(SKU_PRICE_ID, id == null ? k.get(2) + "/" + PTU_CHARGE : id);
    dims(row, k.get(4), k.get(5), k.get(2), k.get(3), PTU_CHARGE, ref);
    return row;
  }

  /** The columns every row shares: periods, parties, service, resource. */
  private static Map<FocusColumn, Object> common(
      LocalDate day, String account, String resourceId, String region) {
    Map<FocusColumn, Object> row = new EnumMap<>(FocusColumn.class);
    LocalDate month = day.withDayOfMonth(1);
    row.put(BILLING_ACCOUNT_ID, UNKNOWN_BILLING_ACCOUNT);
    row.put(BILLING_CURRENCY, "USD");
    row.put(BILLING_PERIOD_START, time(month));
    row.put(BILLING_PERIOD_END, time(month.plusMonths(1)));
    row.put(CHARGE_PERIOD_START, time(day));
    row.put(CHARGE_PERIOD_END, time(day.plusDays(1)));
    row.put(CHARGE_CATEGORY, "Usage");
    row.put(CHARGE_FREQUENCY, "Usage-Based");
    row.put(INVOICE_ISSUER_NAME, MICROSOFT);
    row.put(PROVIDER_NAME, MICROSOFT);
    row.put(PUBLISHER_NAME, MICROSOFT);
    row.put(SERVICE_CATEGORY, AI_CATEGORY);
    row.put(SERVICE_NAME, AI_SERVICES);
    row.put(SERVICE_SUBCATEGORY, AI_SUBCATEGORY);
    row.put(RESOURCE_NAME, account);
    row.put(RESOURCE_ID, resourceId);
    row.put(REGION_ID, region);
    row.put(SUB_ACCOUNT_ID, subscription(resourceId));
    row.put(X_COST_SOURCE, "computed");
    return row;
  }

  /** Cost columns: one list-price figure, and its unit price per pricing unit. */
  private static void costs(
      Map<FocusColumn, Object> row, BigDecimal cost, BigDecimal quantity, String unit) {
    BigDecimal unitPrice = unitPrice(cost, quantity);
    row.put(BILLED_COST, cost);
    row.put(EFFECTIVE_COST, cost);
    row.put(LIST_COST, cost);
    row.put(CONTRACTED_COST, cost);
    row.put(LIST_UNIT_PRICE, unitPrice);
    row.put(CONTRACTED_UNIT_PRICE, unitPrice);
    row.put(PRICING_QUANTITY, quantity);
    row.put(PRICING_UNIT, unit);
  }

  /**
   * cost / quantity: exact when the row's calls share one price (the usual case: one price
   * reference per row), else to 16 significant digits.
   */
  static BigDecimal unitPrice(BigDecimal cost, BigDecimal quantity) {
    try {
      return Numbers.plain(cost.divide(quantity));
    } catch (ArithmeticException e) {
      return Numbers.plain(cost.divide(quantity, MathContext.DECIMAL64));
    }
  }

  private static void dims(
      Map<FocusColumn, Object> row,
      String team,
      String product,
      String deployment,
      String model,
      String charge,
      String priceRef) {
    row.put(X_APIM_SUBSCRIPTION_ID, team);
    row.put(X_APIM_PRODUCT_ID, product);
    row.put(X_DEPLOYMENT, deployment);
    row.put(X_MODEL, model);
    row.put(X_CHARGE, charge);
    row.put(X_PRICE_REF, priceRef);
  }

  /** {@code gpt-4o/global@2024-05-13 (source ...)} → {@code gpt-4o/global@2024-05-13}. */
  static String priceId(String priceRef) {
    if (priceRef == null || priceRef.isBlank()) {
      return null;
    }
    int paren = priceRef.indexOf(" (");
    return (paren < 0 ? priceRef : priceRef.substring(0, paren)).strip();
  }

  /** The catalog entry without its effective date: the same SKU across price changes. */
  static String skuId(String priceId) {
    if (priceId == null) {
      return null;
    }
    int at = priceId.lastIndexOf('@');
    return at > priceId.lastIndexOf('/') ? priceId.substring(0, at) : priceId;
  }

  /** {@code /subscriptions/<id>} of an ARM id (Microsoft's SubAccountId), or null. */
  static String subscription(String resourceId) {
    if (resourceId == null || !resourceId.startsWith("/subscriptions/")) {
      return null;
    }
    int end = resourceId.indexOf('/', "/subscriptions/".length());
    return end < 0 ? resourceId : resourceId.substring(0, end);
  }

  static String time(LocalDate day) {
    return UTC.format(day.atStartOfDay(ZoneOffset.UTC));
  }

  private static String words(String wireName) {
    return wireName.replace('_', ' ');
  }

  private static String title(String wireName) {
    StringBuilder b = new StringBuilder();
    for (String w : wireName.split("_")) {
      if (!w.isEmpty()) {
        b.append(b.length() == 0 ? "" : " ")
            .append(Character.toUpperCase(w.charAt(0)))
            .append(w.substring(1));
      }
    }
    return b.toString();
  }
}
