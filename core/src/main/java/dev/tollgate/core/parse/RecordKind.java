package dev.tollgate.core.parse;

import dev.tollgate.core.model.LlmRequest;
import java.util.Locale;
import java.util.Set;

/**
 * Which log a record belongs to. APIM and an Azure OpenAI account often stream to the same Event
 * Hub in the same envelope shape, so the kind is read from the record: the resource provider in
 * {@code resourceId} first (it names the emitter), else the category.
 */
public enum RecordKind {
  /** APIM GatewayLogs: one record per call through the gateway. */
  GATEWAY,
  /** APIM GatewayLlmLogs: the same calls again, counted only (costing them would double). */
  GATEWAY_LLM_LOG,
  /** A resource log of a {@code Microsoft.CognitiveServices/accounts} diagnostic setting. */
  OPENAI_RESOURCE_LOG;

  /** Categories a Cognitive Services account's diagnostic setting streams (FORMATS.md §7). */
  public static final Set<String> RESOURCE_LOG_CATEGORIES =
      Set.of(
          "requestresponse", "audit", "trace", "azureopenairequestusage", "managednetworkevents");

  private static final String COGNITIVE = "/providers/microsoft.cognitiveservices/";
  private static final String APIM = "/providers/microsoft.apimanagement/";

  /** The log an enriched record came from. */
  public static RecordKind of(LlmRequest r) {
    return of(r.origin().category(), r.origin().resourceId());
  }

  public static RecordKind of(String category, String resourceId) {
    String c = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
    String id = resourceId == null ? "" : resourceId.toLowerCase(Locale.ROOT);
    if (id.contains(COGNITIVE)) {
      return OPENAI_RESOURCE_LOG;
    }
    if (!id.contains(APIM) && RESOURCE_LOG_CATEGORIES.contains(c)) {
      return OPENAI_RESOURCE_LOG;
    }
    return c.contains("llm") ? GATEWAY_LLM_LOG : GATEWAY;
  }
}
