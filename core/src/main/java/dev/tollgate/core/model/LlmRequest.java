package dev.tollgate.core.model;

/**
 * One logged call, enriched, composed of small named parts so every record family (APIM gateway
 * logs, Azure OpenAI resource logs, ...) is built by name and leaves out what it does not know. For
 * LLM calls ({@code route().llm()}) model, usage and price are filled as far as the data allows.
 *
 * @param content redacted prompt and completion text, null unless capture is on
 */
public record LlmRequest(
    Origin origin,
    Route route,
    ModelFacts model,
    TokenUsage usage,
    Pricing price,
    Caller caller,
    Outcome outcome,
    CapturedContent content) {

  /** {@code gen_ai.provider.name} for Azure OpenAI calls. */
  public static final String PROVIDER = "azure.ai.openai";

  public LlmRequest {
    if (origin == null) {
      throw new IllegalArgumentException("a record needs its origin");
    }
    route = route == null ? Route.NONE : route;
    model = model == null ? ModelFacts.NONE : model;
    usage = usage == null ? TokenUsage.NONE : usage;
    price = price == null ? Pricing.NOT_APPLICABLE : price;
    caller = caller == null ? Caller.NONE : caller;
    outcome = outcome == null ? Outcome.NONE : outcome;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link LlmRequest} from its parts; parts left out are empty. */
  public static final class Builder {
    private Origin origin;
    private Route route;
    private ModelFacts model;
    private TokenUsage usage;
    private Pricing price;
    private Caller caller;
    private Outcome outcome;
    private CapturedContent content;

    private Builder() {}

    public Builder origin(Origin v) {
      origin = v;
      return this;
    }

    public Builder route(Route v) {
      route = v;
      return this;
    }

    public Builder model(ModelFacts v) {
      model = v;
      return this;
    }

    public Builder usage(TokenUsage v) {
      usage = v;
      return this;
    }

    public Builder price(Pricing v) {
      price = v;
      return this;
    }

    public Builder caller(Caller v) {
      caller = v;
      return this;
    }

    public Builder outcome(Outcome v) {
      outcome = v;
      return this;
    }

    public Builder content(CapturedContent v) {
      content = v;
      return this;
    }

    public LlmRequest build() {
      return new LlmRequest(origin, route, model, usage, price, caller, outcome, content);
    }
  }
}
