package dev.tollgate.core.price;

import dev.tollgate.core.model.TokenClass;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One catalog entry: USD per 1M tokens by token class for a model (and optionally one version) on
 * one deployment type and service tier, from a date on. A class without a rate has no price (the
 * call is then partially priced), except cached text input, which costs the input rate when the
 * entry has no cache discount.
 *
 * @param serviceTier the tier the entry applies to ({@link ServiceTier}); null = the default tier
 * @param longContext other rates for the whole call above an input size, or null
 */
public record Price(
    String model,
    String version,
    DeploymentType deploymentType,
    LocalDate effectiveFrom,
    String serviceTier,
    Map<TokenClass, BigDecimal> rates,
    LongContext longContext,
    String origin) {

  /**
   * Rates for a call whose input tokens exceed {@code aboveInputTokens}: the whole call is priced
   * at these, each class as in the entry (absent = no price).
   */
  public record LongContext(long aboveInputTokens, Map<TokenClass, BigDecimal> rates) {
    public LongContext {
      rates = copy(rates);
    }

    LongContext scaled(BigDecimal factor) {
      return new LongContext(aboveInputTokens, mul(rates, factor));
    }
  }

  public Price {
    rates = copy(rates);
  }

  /** A text-only entry on the default tier. */
  public Price(
      String model,
      String version,
      DeploymentType deploymentType,
      LocalDate effectiveFrom,
      BigDecimal input,
      BigDecimal cachedInput,
      BigDecimal output,
      String origin) {
    this(
        model,
        version,
        deploymentType,
        effectiveFrom,
        null,
        text(input, cachedInput, output),
        null,
        origin);
  }

  public BigDecimal input() {
    return rates.get(TokenClass.INPUT);
  }

  public BigDecimal cachedInput() {
    return rates.get(TokenClass.CACHED_INPUT);
  }

  public BigDecimal output() {
    return rates.get(TokenClass.OUTPUT);
  }

  /** A short reference for audits: model[@version]/type[/tier]@date (origin). */
  public String ref() {
    return model
        + (version == null ? "" : "@" + version)
        + "/"
        + deploymentType.wireName()
        + (serviceTier == null ? "" : "/" + serviceTier)
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
        serviceTier,
        mul(rates, factor),
        longContext == null ? null : longContext.scaled(factor),
        origin + " x" + factor.stripTrailingZeros().toPlainString() + " for " + type.wireName());
  }

  private static Map<TokenClass, BigDecimal> text(
      BigDecimal in, BigDecimal cached, BigDecimal out) {
    Map<TokenClass, BigDecimal> m = new EnumMap<>(TokenClass.class);
    if (in != null) {
      m.put(TokenClass.INPUT, in);
    }
    if (cached != null) {
      m.put(TokenClass.CACHED_INPUT, cached);
    }
    if (out != null) {
      m.put(TokenClass.OUTPUT, out);
    }
    return m;
  }

  private static Map<TokenClass, BigDecimal> copy(Map<TokenClass, BigDecimal> m) {
    Map<TokenClass, BigDecimal> c = new EnumMap<>(TokenClass.class);
    if (m != null) {
      m.forEach(
          (k, v) -> {
            if (v != null) {
              c.put(k, v);
            }
          });
    }
    return Collections.unmodifiableMap(c);
  }

  private static Map<TokenClass, BigDecimal> mul(Map<TokenClass, BigDecimal> m, BigDecimal f) {
    Map<TokenClass, BigDecimal> c = new EnumMap<>(TokenClass.class);
    m.forEach((k, v) -> c.put(k, v.multiply(f)));
    return c;
  }
}
