package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The priced usage of one charge (a token class, or a line's whole cost without a breakdown) on one
 * UTC day for one team, product, deployment and model: a row of the FOCUS export.
 *
 * @param day the UTC day
 * @param account {@code azure.openai.account}, null when unknown
 * @param resourceId the account's ARM id, lower case, when its resource logs were read; else null
 * @param region the account's region id (e.g. {@code swedencentral}) from the same logs; else null
 * @param team {@code apim.subscription_id}
 * @param product {@code apim.product_id}
 * @param deployment {@code azure.openai.deployment}
 * @param model the model reported
 * @param usageSource {@code tollgate.usage.source}
 * @param priceRef {@code tollgate.price.ref}
 * @param charge a token class wire name (Contract A) or {@link #NO_BREAKDOWN}
 * @param tokens tokens of the class; null when some line did not say how many
 * @param requests calls that had this charge
 * @param costUsd exact USD
 */
public record UsageCharge(
    LocalDate day,
    String account,
    String resourceId,
    String region,
    String team,
    String product,
    String deployment,
    String model,
    String usageSource,
    String priceRef,
    String charge,
    Long tokens,
    long requests,
    BigDecimal costUsd) {

  /** The charge of a line without {@code tollgate.cost.breakdown}: its whole cost. */
  public static final String NO_BREAKDOWN = "usage";

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link UsageCharge} by name. */
  public static final class Builder {
    private LocalDate day;
    private String account;
    private String resourceId;
    private String region;
    private String team = UsageRecord.NONE;
    private String product = UsageRecord.NONE;
    private String deployment = UsageRecord.NONE;
    private String model = UsageRecord.NONE;
    private String usageSource;
    private String priceRef;
    private String charge = NO_BREAKDOWN;
    private Long tokens;
    private long requests;
    private BigDecimal costUsd = BigDecimal.ZERO;

    private Builder() {}

    public Builder day(LocalDate v) {
      day = v;
      return this;
    }

    public Builder account(String v) {
      account = v;
      return this;
    }

    public Builder resourceId(String v) {
      resourceId = v;
      return this;
    }

    public Builder region(String v) {
      region = v;
      return this;
    }

    public Builder team(String v) {
      team = v;
      return this;
    }

    public Builder product(String v) {
      product = v;
      return this;
    }

    public Builder deployment(String v) {
      deployment = v;
      return this;
    }

    public Builder model(String v) {
      model = v;
      return this;
    }

    public Builder usageSource(String v) {
      usageSource = v;
      return this;
    }

    public Builder priceRef(String v) {
      priceRef = v;
      return this;
    }

    public Builder charge(String v) {
      charge = v;
      return this;
    }

    public Builder tokens(Long v) {
      tokens = v;
      return this;
    }

    public Builder requests(long v) {
      requests = v;
      return this;
    }

    public Builder costUsd(BigDecimal v) {
      costUsd = v;
      return this;
    }

    public UsageCharge build() {
      return new UsageCharge(
          day,
          account,
          resourceId,
          region,
          team,
          product,
          deployment,
          model,
          usageSource,
          priceRef,
          charge,
          tokens,
          requests,
          costUsd);
    }
  }
}
