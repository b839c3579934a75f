package dev.tollgate.core.price;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One catalog entry: USD per 1M tokens for a model (and optionally one version) on one deployment
 * type, from a date on. {@code cachedInput} may be null (no cache discount: input price applies);
 * {@code output} may be null for embeddings.
 */
public record Price(
    String model,
    String version,
    DeploymentType deploymentType,
    LocalDate effectiveFrom,
    BigDecimal input,
    BigDecimal cachedInput,
    BigDecimal output,
    String origin) {

  /** A short reference for audits: model[@version]/type@date (origin). */
  public String ref() {
    return model
        + (version == null ? "" : "@" + version)
        + "/"
        + deploymentType.wireName()
        + "@"
        + effectiveFrom
        + " ("
        + origin
        + ")";
  }

  public Price scaled(BigDecimal factor, DeploymentType type) {
    return new Price(
        model,
        version,
        type,
        effectiveFrom,
        mul(input, factor),
        mul(cachedInput, factor),
        mul(output, factor),
        origin + " x" + factor.stripTrailingZeros().toPlainString() + " for " + type.wireName());
  }

  private static BigDecimal mul(BigDecimal v, BigDecimal f) {
    return v == null ? null : v.multiply(f);
  }
}
