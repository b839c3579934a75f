package dev.tollgate.core.model;

/**
 * How a call was priced.
 *
 * @param pricedModel the model (and version) the cost was looked up with
 * @param priceSource where that model came from: inventory, response, request or deployment
 * @param deploymentType global, data_zone, regional, batch or provisioned
 */
public record Pricing(String pricedModel, String priceSource, String deploymentType, Cost cost) {

  /** Not an LLM call: nothing to price. */
  public static final Pricing NOT_APPLICABLE = of(Cost.of(CostStatus.NOT_APPLICABLE));

  public Pricing {
    if (cost == null) {
      throw new IllegalArgumentException("a price needs a cost (or a cost status)");
    }
  }

  public static Pricing of(Cost cost) {
    return builder().cost(cost).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Pricing} by name. */
  public static final class Builder {
    private String pricedModel;
    private String priceSource;
    private String deploymentType;
    private Cost cost;

    private Builder() {}

    public Builder pricedModel(String v) {
      pricedModel = v;
      return this;
    }

    public Builder priceSource(String v) {
      priceSource = v;
      return this;
    }

    public Builder deploymentType(String v) {
      deploymentType = v;
      return this;
    }

    public Builder cost(Cost v) {
      cost = v;
      return this;
    }

    public Pricing build() {
      return new Pricing(pricedModel, priceSource, deploymentType, cost);
    }
  }
}
