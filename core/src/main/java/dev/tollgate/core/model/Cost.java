package dev.tollgate.core.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Cost of one call in USD, exact. {@code usd} is null unless {@code status} is PRICED or
 * PARTIALLY_PRICED (then it is the known part); {@code priceRef} names the catalog entry used (for
 * audits when prices change).
 *
 * @param breakdown USD by token class, only classes with tokens that were priced; its values sum to
 *     {@code usd} exactly. Null exactly when {@code usd} is.
 */
public record Cost(
    BigDecimal usd, CostStatus status, String priceRef, Map<TokenClass, BigDecimal> breakdown) {

  public Cost {
    breakdown =
        breakdown == null
            ? null
            : Collections.unmodifiableMap(
                breakdown.isEmpty() ? new EnumMap<>(TokenClass.class) : new EnumMap<>(breakdown));
  }

  /** A cost without a per-class breakdown (older callers, tests). */
  public Cost(BigDecimal usd, CostStatus status, String priceRef) {
    this(usd, status, priceRef, null);
  }

  public static Cost of(CostStatus status) {
    return new Cost(null, status, null, null);
  }
}
