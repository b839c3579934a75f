package dev.tollgate.core.model;

/**
 * Which model was asked for and which answered.
 *
 * @param requestModel {@code model} from the request body
 * @param responseModel {@code model} from the response body (or the account log's model name)
 * @param modelVersion the version the platform served ({@code azure.openai.model_version})
 * @param responseId {@code id} from the response body
 * @param requestServiceTier {@code service_tier} asked for in the request body
 * @param responseServiceTier {@code service_tier} the response says the call ran at
 */
public record ModelFacts(
    String requestModel,
    String responseModel,
    String modelVersion,
    String responseId,
    String requestServiceTier,
    String responseServiceTier) {

  public static final ModelFacts NONE = builder().build();

  /** The response model, else the requested one. */
  public String model() {
    return responseModel != null ? responseModel : requestModel;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ModelFacts} by name. */
  public static final class Builder {
    private String requestModel;
    private String responseModel;
    private String modelVersion;
    private String responseId;
    private String requestServiceTier;
    private String responseServiceTier;

    private Builder() {}

    public Builder requestServiceTier(String v) {
      requestServiceTier = v;
      return this;
    }

    public Builder responseServiceTier(String v) {
      responseServiceTier = v;
      return this;
    }

    public Builder requestModel(String v) {
      requestModel = v;
      return this;
    }

    public Builder responseModel(String v) {
      responseModel = v;
      return this;
    }

    public Builder modelVersion(String v) {
      modelVersion = v;
      return this;
    }

    public Builder responseId(String v) {
      responseId = v;
      return this;
    }

    public ModelFacts build() {
      return new ModelFacts(
          requestModel,
          responseModel,
          modelVersion,
          responseId,
          requestServiceTier,
          responseServiceTier);
    }
  }
}
