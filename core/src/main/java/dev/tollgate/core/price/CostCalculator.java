package dev.tollgate.core.price;

import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

/** Prices token usage with exact decimals: USD = tokens x price per 1M / 1,000,000. */
public final class CostCalculator {
  private final PriceCatalog catalog;

  public CostCalculator(PriceCatalog catalog) {
    this.catalog = catalog;
  }

  public PriceCatalog catalog() {
    return catalog;
  }

  public Cost cost(ModelId model, DeploymentType type, Instant time, TokenUsage usage) {
    if (type == DeploymentType.PROVISIONED) {
      return Cost.of(CostStatus.PROVISIONED);
    }
    if (usage == null || !usage.hasTokens()) {
      return Cost.of(CostStatus.NO_USAGE);
    }
    return catalog
        .lookup(model, type, time.atOffset(ZoneOffset.UTC).toLocalDate())
        .map(p -> new Cost(usd(p, usage), CostStatus.PRICED, p.ref()))
        .orElseGet(() -> Cost.of(CostStatus.UNPRICED_MODEL));
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
