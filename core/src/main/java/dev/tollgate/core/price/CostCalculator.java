package dev.tollgate.core.price;

import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.TokenClass;
import dev.tollgate.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Prices token usage with exact decimals: USD = tokens x price per 1M / 1,000,000. */
public final class CostCalculator {
  /** Distinct (model, type, day) look-ups kept; a long backfill starts over when it is reached. */
  private static final int MAX_CACHED = 4096;

  private final PriceCatalog catalog;

  /**
   * Catalog look-ups and their references, by model, deployment type and day: the catalog scan and
   * the reference string cost several percent of the enrichment time when done per record
   * (bench/README.md).
   */
  private final Map<Key, Optional<Entry>> cache = new ConcurrentHashMap<>();

  private record Key(ModelId model, DeploymentType type, LocalDate day, String tier) {}

  private record Entry(Price price, String ref) {}

  public CostCalculator(PriceCatalog catalog) {
    this.catalog = catalog;
  }

  public PriceCatalog catalog() {
    return catalog;
  }

  /**
   * The usage as it may be counted: unchanged when plausible, else marked implausible with the
   * counts taken out, so no sum can take them in. Reported and estimated usage alike.
   */
  public TokenUsage checked(ModelId model, TokenUsage usage) {
    if (usage == null || !usage.plausible()) {
      return usage;
    }
    String why = catalog.limits(model).violation(usage);
    return why == null ? usage : TokenUsage.implausible(usage.source(), why);
  }

  /** The cost of a call on the default service tier. */
  public Cost cost(ModelId model, DeploymentType type, Instant time, TokenUsage usage) {
    return cost(model, type, time, usage, null);
  }

  /**
   * The cost of a call. Implausible usage (also when the caller did not pass it through {@link
   * #checked}) is never priced, whatever the deployment type. A call on a non-default service tier
   * (see {@link ServiceTier}) is priced only by an entry of that tier: Azure bills priority
   * processing at its own rates, so the standard rate would be a silent undercount.
   */
  public Cost cost(
      ModelId model, DeploymentType type, Instant time, TokenUsage usage, String serviceTier) {
    if (usage != null && !checked(model, usage).plausible()) {
      return Cost.of(CostStatus.IMPLAUSIBLE_USAGE);
    }
    if (type == DeploymentType.PROVISIONED) {
      return Cost.of(CostStatus.PROVISIONED);
    }
    if (usage == null || !usage.hasTokens()) {
      return Cost.of(CostStatus.NO_USAGE);
    }
    String tier = ServiceTier.normalize(serviceTier);
    return price(model, type, time.atOffset(ZoneOffset.UTC).toLocalDate(), tier)
        .map(e -> priced(e.price(), e.ref(), usage))
        .orElseGet(() -> Cost.of(CostStatus.UNPRICED_MODEL));
  }

  private Optional<Entry> price(ModelId model, DeploymentType type, LocalDate day, String tier) {
    if (model == null) {
      return Optional.empty();
    }
    Key key = new Key(model, type, day, tier);
    Optional<Entry> hit = cache.get(key);
    if (hit == null) {
      hit = catalog.lookup(model, type, day, tier).map(p -> new Entry(p, p.ref()));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, hit);
    }
    return hit;
  }

  /**
   * Each token class at its own rate; the long-context rates for the whole call when its input
   * exceeds the entry's threshold. A class with tokens and no rate is left out of the sum and makes
   * the cost partially priced: it is never priced as text.
   */
  static Cost priced(Price p, String ref, TokenUsage u) {
    Map<TokenClass, BigDecimal> rates = p.rates();
    Price.LongContext lc = p.longContext();
    if (lc != null && u.inputOrZero() > lc.aboveInputTokens()) {
      rates = lc.rates();
      ref = ref + " long context above " + lc.aboveInputTokens();
    }
    Map<TokenClass, BigDecimal> breakdown = new EnumMap<>(TokenClass.class);
    BigDecimal total = BigDecimal.ZERO;
    boolean missing = false;
    for (Map.Entry<TokenClass, Long> e : TokenClass.split(u).entrySet()) {
      BigDecimal rate = rateOf(rates, e.getKey());
      if (rate == null) {
        missing = true;
        continue;
      }
      BigDecimal usd =
          rate.multiply(BigDecimal.valueOf(e.getValue())).movePointLeft(6).stripTrailingZeros();
      breakdown.put(e.getKey(), usd);
      total = total.add(usd);
    }
    return new Cost(
        total.stripTrailingZeros(),
        missing ? CostStatus.PARTIALLY_PRICED : CostStatus.PRICED,
        ref,
        breakdown);
  }

  /** Cached text of an entry without a cache discount costs the input rate (the older rule). */
  private static BigDecimal rateOf(Map<TokenClass, BigDecimal> rates, TokenClass c) {
    BigDecimal r = rates.get(c);
    return r == null && c == TokenClass.CACHED_INPUT ? rates.get(TokenClass.INPUT) : r;
  }
}
