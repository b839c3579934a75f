package dev.tollgate.core.model;

import java.math.BigDecimal;

/**
 * Cost of one call in USD, exact. {@code usd} is null unless {@code status} is PRICED; {@code
 * priceRef} names the catalog entry used (for audits when prices change).
 */
public record Cost(BigDecimal usd, CostStatus status, String priceRef) {
  public static Cost of(CostStatus status) {
    return new Cost(null, status, null);
  }
}
