package dev.tollgate.core.model;

/**
 * Who made the call: APIM's subscription, product, API and user, the caller's address and the end
 * user named by a configured header.
 */
public record Caller(
    String subscriptionId,
    String productId,
    String apiId,
    String apiRevision,
    String userId,
    String clientAddress,
    String endUser) {

  public static final Caller NONE = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Caller} by name. */
  public static final class Builder {
    private String subscriptionId;
    private String productId;
    private String apiId;
    private String apiRevision;
    private String userId;
    private String clientAddress;
    private String endUser;

    private Builder() {}

    public Builder subscriptionId(String v) {
      subscriptionId = v;
      return this;
    }

    public Builder productId(String v) {
      productId = v;
      return this;
    }

    public Builder apiId(String v) {
      apiId = v;
      return this;
    }

    public Builder apiRevision(String v) {
      apiRevision = v;
      return this;
    }

    public Builder userId(String v) {
      userId = v;
      return this;
    }

    public Builder clientAddress(String v) {
      clientAddress = v;
      return this;
    }

    public Builder endUser(String v) {
      endUser = v;
      return this;
    }

    public Caller build() {
      return new Caller(
          subscriptionId, productId, apiId, apiRevision, userId, clientAddress, endUser);
    }
  }
}
