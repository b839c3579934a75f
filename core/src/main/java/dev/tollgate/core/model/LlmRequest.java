package dev.tollgate.core.model;

import java.time.Instant;

/**
 * One gateway record, enriched. For LLM calls ({@code llm} true) the model, usage and cost fields
 * are filled as far as the data allows; other calls pass through with only the gateway fields.
 *
 * @param itemId deterministic id for de-duplication downstream (from the correlation id, else from
 *     the record's content)
 * @param category APIM log category (GatewayLogs, GatewayLlmLogs)
 * @param operationName OpenTelemetry {@code gen_ai.operation.name} (chat, embeddings, ...)
 * @param api the Azure OpenAI API family of the route (chat_completions, responses, ...)
 * @param pricedModel the model (and version) the cost was looked up with
 * @param priceSource where that model came from: inventory, response, request or deployment
 * @param deploymentType global, data_zone, regional, batch or provisioned
 * @param truncated whether a logged body was cut
 * @param content redacted prompt and completion text, null unless capture is on
 */
public record LlmRequest(
    Instant time,
    String itemId,
    String correlationId,
    String category,
    boolean llm,
    String operationName,
    String api,
    String deployment,
    String apiVersion,
    String requestModel,
    String responseModel,
    String responseId,
    Boolean stream,
    String pricedModel,
    String priceSource,
    String deploymentType,
    TokenUsage usage,
    Cost cost,
    Caller caller,
    Outcome outcome,
    String gatewayResource,
    String region,
    boolean truncated,
    SourcePosition position,
    CapturedContent content) {

  /** {@code gen_ai.provider.name} for Azure OpenAI calls. */
  public static final String PROVIDER = "azure.ai.openai";
}
