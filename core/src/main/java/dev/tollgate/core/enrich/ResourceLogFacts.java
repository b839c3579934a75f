package dev.tollgate.core.enrich;

import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.parse.GatewayRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one Azure OpenAI resource-log record says (FORMATS.md §7), read leniently and before any
 * pricing: the account's own view of a call, an audit or a trace.
 *
 * @param time the call's start: {@code properties.requestTime} (ticks) when it agrees with the
 *     record's {@code time} within an hour, else {@code time}, else the enqueued time
 * @param itemId {@code aoai:h} + a hash of the fields that tell two records apart; the correlation
 *     id alone repeats (one id, several deployments)
 * @param inference the inference the operation stands for, null for Assistants, keys, traces
 * @param azureOperation the record's {@code operationName} as given (ListKey,
 *     ChatCompletions_Create)
 * @param durationMs {@code durationMs} when not negative, else the ticks' difference
 * @param endUser the caller's Entra object id ({@code objectId} / {@code callerObjectId})
 * @param usage token counts when the record carries readable ones (usage records), else null
 * @param unmapped properties Tollgate could not map ({@code properties} itself when unreadable)
 */
public record ResourceLogFacts(
    Instant time,
    String itemId,
    String correlationId,
    String category,
    String resourceId,
    String region,
    String account,
    String deployment,
    String modelName,
    String modelVersion,
    String apiVersion,
    Boolean stream,
    ResourceLogNames.Inference inference,
    String azureOperation,
    Integer statusCode,
    ErrorType errorType,
    Long durationMs,
    String clientAddress,
    String endUser,
    TokenUsage usage,
    List<String> unmapped) {

  private static final Duration TICKS_AGREE = Duration.ofHours(1);

  /** Whether the record is an LLM call: an inference operation, or a record with token counts. */
  public boolean llm() {
    return inference != null || usage != null;
  }

  static ResourceLogFacts read(GatewayRecord r, boolean maskClientIp) throws EnrichmentException {
    Long requestTicks = Ticks.of(r.propNode("requestTime"));
    Long responseTicks = Ticks.of(r.propNode("responseTime"));
    Instant time = time(r, requestTicks);
    String correlationId = r.top("correlationId");
    String operation = r.top("operationName");
    String deployment = r.prop("modelDeploymentName");
    String resourceId = r.top("resourceId");
    String itemId =
        "aoai:h"
            + ItemIds.hash(
                r.category(),
                correlationId,
                operation,
                deployment,
                r.top("time"),
                resourceId == null ? null : resourceId.toLowerCase(java.util.Locale.ROOT),
                String.valueOf(requestTicks),
                // without a correlation id nothing else tells two calls apart: the whole record
                correlationId == null ? r.raw() : "");
    Integer status = status(r.top("resultSignature"));
    Long duration = r.topLong("durationMs");
    if (duration == null || duration < 0) {
      duration = Ticks.millisBetween(requestTicks, responseTicks);
    }
    String ip = r.top("callerIpAddress");
    ResourceLogUsage.Result usage =
        r.propertiesUnreadable()
            ? new ResourceLogUsage.Result(null, List.of("properties"))
            : ResourceLogUsage.read(r);
    String endUser = r.prop("objectId") != null ? r.prop("objectId") : r.prop("callerObjectId");
    return new ResourceLogFacts(
        time,
        itemId,
        correlationId,
        r.category(),
        resourceId,
        r.top("location"),
        OpenAiAccount.fromResourceId(resourceId),
        deployment,
        r.prop("modelName"),
        r.prop("modelVersion"),
        ResourceLogNames.apiVersion(r.prop("apiName")),
        ResourceLogNames.stream(r.prop("streamType")),
        ResourceLogNames.inference(operation),
        operation,
        status,
        Outcomes.classify(status, null, List.of(), null),
        duration,
        maskClientIp ? ClientAddress.mask(ip) : ip,
        endUser,
        usage.usage(),
        usage.unmapped());
  }

  private static Instant time(GatewayRecord r, Long requestTicks) throws EnrichmentException {
    Instant logged = Times.parse(r.top("time"));
    Instant requested = requestTicks == null ? null : Ticks.toInstant(requestTicks);
    if (requested != null
        && (logged == null
            || Duration.between(requested, logged).abs().compareTo(TICKS_AGREE) <= 0)) {
      return requested;
    }
    if (logged != null) {
      return logged;
    }
    if (r.enqueuedTime() != null) {
      return r.enqueuedTime();
    }
    throw new EnrichmentException(
        "invalid_time", "the record's time '" + r.top("time") + "' is not an ISO-8601 timestamp");
  }

  private static Integer status(String resultSignature) {
    if (resultSignature == null) {
      return null;
    }
    try {
      int s = Integer.parseInt(resultSignature.strip());
      return s < 100 || s > 999 ? null : s;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
