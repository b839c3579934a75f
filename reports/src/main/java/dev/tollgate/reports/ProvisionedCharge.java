package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One share of a provisioned (PTU) deployment's cost for one hour: the part allocated to one team,
 * or the idle part ({@link #UNALLOCATED}). A deployment's charges for an hour sum to its cost for
 * that hour exactly. The FOCUS export and the invoice reconciliation read these.
 *
 * @param hour the start of the UTC hour
 * @param account the Azure OpenAI account, lower case; null when unknown
 * @param deployment the deployment name
 * @param model the model the deployment runs
 * @param team {@code apim.subscription_id}, or {@link #UNALLOCATED}
 * @param product {@code apim.product_id} (or {@link UsageRecord#NONE})
 * @param ptuHours PTU-hours this share stands for (PTUs × minutes deployed / 60 × share)
 * @param costUsd exact USD
 * @param priceRef the catalog entry (or reservation) that priced the hour
 */
public record ProvisionedCharge(
    Instant hour,
    String account,
    String deployment,
    String model,
    String team,
    String product,
    BigDecimal ptuHours,
    BigDecimal costUsd,
    String priceRef) {

  /** The team of a deployment's idle capacity: paid for, used by nobody. */
  public static final String UNALLOCATED = "(unallocated)";

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProvisionedCharge} by name. */
  public static final class Builder {
    private Instant hour;
    private String account;
    private String deployment;
    private String model;
    private String team = UNALLOCATED;
    private String product = UsageRecord.NONE;
    private BigDecimal ptuHours = BigDecimal.ZERO;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private String priceRef;

    private Builder() {}

    public Builder hour(Instant v) {
      hour = v;
      return this;
    }

    public Builder account(String v) {
      account = v;
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

    public Builder team(String v) {
      team = v;
      return this;
    }

    public Builder product(String v) {
      product = v;
      return this;
    }

    public Builder ptuHours(BigDecimal v) {
      ptuHours = v;
      return this;
    }

    public Builder costUsd(BigDecimal v) {
      costUsd = v;
      return this;
    }

    public Builder priceRef(String v) {
      priceRef = v;
      return this;
    }

    public ProvisionedCharge build() {
      return new ProvisionedCharge(
          hour, account, deployment, model, team, product, ptuHours, costUsd, priceRef);
    }
  }
}
