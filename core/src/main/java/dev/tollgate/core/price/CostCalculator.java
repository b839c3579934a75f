package dev.tollgate.core.price;

import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

  private record Key(ModelId model, DeploymentType type, LocalDate day) {}

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

  /**
   * The cost of a call. Implausible usage (also when the caller did not pass it through {@link
   * #checked}) is never priced, whatever the deployment type.
   */
  public Cost cost(ModelId model, DeploymentType type, Instant time, TokenUsage usage) {
    if (usage != null && !checked(model, usage).plausible()) {
      return Cost.of(CostStatus.IMPLAUSIBLE_USAGE);
    }
    if (type == DeploymentType.PROVISIONED) {
      return Cost.of(CostStatus.PROVISIONED);
    }
    if (usage == null || !usage.hasTokens()) {
      return Cost.of(CostStatus.NO_USAGE);
    }
    return price(model, type, time.atOffset(ZoneOffset.UTC).toLocalDate())
        .map(e -> new Cost(usd(e.price(), usage), CostStatus.PRICED, e.ref()))
        .orElseGet(() -> Cost.of(CostStatus.UNPRICED_MODEL));
  }

  private Optional<Entry> price(ModelId model, DeploymentType type, LocalDate day) {
    if (model == null) {
      return Optional.empty();
    }
    Key key = new Key(model, type, day);
    Optional<Entry> hit = cache.get(key);
    if (hit == null) {
      hit = catalog.lookup(model, type, day).map(p -> new Entry(p, p.ref()));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(key, hit);
    }
    return hit;
  }

  static BigDecimal usd(Price p, TokenUsage u) {
    long cached = Math.min(u.cachedOrZero(), u.inputOrZero());
    long uncached = u.inputOrZero() - cached;
    BigDecimal cachedPrice = p.cachedInput() == null ? p.input() : p.cachedInput();
    BigDecimal total =
        p.input()
            .multiply(BigDecimal.valueOf(uncached))
            .add(cachedPrice.multiply(BigDecimal.valueOf(cached)));
    if (p.output() != null) {
      total = total.add(p.output().multiply(BigDecimal.valueOf(u.outputOrZero())));
    }
    return total.movePointLeft(6).stripTrailingZeros();
  }
}
