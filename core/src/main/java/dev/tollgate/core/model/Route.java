package dev.tollgate.core.model;

/**
 * What was called: whether it is an Azure OpenAI inference call, which operation, API family,
 * account, deployment and API version, and whether it streamed.
 *
 * @param operationName OpenTelemetry {@code gen_ai.operation.name} (chat, embeddings, ...)
 * @param api the Azure OpenAI API family of the route (chat_completions, responses, ...)
 * @param account the Azure OpenAI account name, lower case ({@code azure.openai.account})
 * @param azureOperation the operation as Azure names it in a resource log ({@code ListKey}, {@code
 *     ChatCompletions_Create}; {@code azure.operation.name}), null on gateway records
 */
public record Route(
    boolean llm,
    String operationName,
    String api,
    String account,
    String deployment,
    String apiVersion,
    Boolean stream,
    String azureOperation) {

  /** Not an LLM call, nothing known about the route. */
  public static final Route NONE = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Route} by name. */
  public static final class Builder {
    private boolean llm;
    private String operationName;
    private String api;
    private String account;
    private String deployment;
    private String apiVersion;
    private Boolean stream;
    private String azureOperation;

    private Builder() {}

    public Builder llm(boolean v) {
      llm = v;
      return this;
    }

    public Builder operationName(String v) {
      operationName = v;
      return this;
    }

    public Builder api(String v) {
      api = v;
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

    public Builder apiVersion(String v) {
      apiVersion = v;
      return this;
    }

    public Builder stream(Boolean v) {
      stream = v;
      return this;
    }

    public Builder azureOperation(String v) {
      azureOperation = v;
      return this;
    }

    public Route build() {
      return new Route(
          llm, operationName, api, account, deployment, apiVersion, stream, azureOperation);
    }
  }
}
