package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a cost report needs from one line of {@code requests.jsonl} (README, "Output:
 * requests.jsonl"). Labels are never null: a missing subscription, product, deployment or model
 * reads as {@link #NONE}. Token counts are 0 when unknown.
 *
 * @param time the original request's time; null when the line had none (such lines are counted, not
 *     reported)
 * @param itemId {@code tollgate.item_id}, the de-duplication key; null when absent
 * @param llm whether the line is an Azure OpenAI call ({@code tollgate.llm}, else {@code
 *     gen_ai.provider.name} present); other gateway calls are counted but not reported
 * @param team {@code apim.subscription_id}
 * @param product {@code apim.product_id}
 * @param deployment {@code azure.openai.deployment}
 * @param model {@code gen_ai.response.model}, else {@code gen_ai.request.model}, else the
 *     deployment
 * @param inputTokens input tokens, cached ones included
 * @param outputTokens output tokens, reasoning ones included
 * @param cachedInputTokens cached input tokens
 * @param reasoningTokens reasoning output tokens
 * @param usageSource {@code tollgate.usage.source}: reported, estimated, none
 * @param costUsd exact cost, null when not priced
 * @param costStatus {@code tollgate.cost.status}
 * @param errorType {@code error.type}, null when the call succeeded
 * @param category {@code tollgate.record.category}: {@code GatewayLogs} (APIM), or an Azure OpenAI
 *     account's resource-log category ({@code RequestResponse}, {@code Audit}, ...); null on lines
 *     written before the key existed (read as gateway records)
 * @param account {@code azure.openai.account}, lower case; null when unknown
 * @param costBreakdown {@code tollgate.cost.breakdown}: token class wire name to USD, summing to
 *     {@code costUsd}; null on lines without it (older files) or when nothing was priced
 * @param priceRef {@code tollgate.price.ref}, the catalog entry that priced the call
 * @param region {@code cloud.region}: APIM's location on gateway lines, the account's on resource
 *     logs
 * @param resourceId {@code azure.openai.resource_id}, the account's ARM id (resource logs)
 * @param modalityTokens the line's audio and image counts by their {@code requests.jsonl} key
 *     ({@link #MODALITY_KEYS}; parts of the text counts above), only those above 0
 */
public record UsageRecord(
    Instant time,
    String itemId,
    boolean llm,
    String team,
    String product,
    String deployment,
    String model,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long reasoningTokens,
    String usageSource,
    BigDecimal costUsd,
    String costStatus,
    String errorType,
    String category,
    String account,
    Map<String, BigDecimal> costBreakdown,
    String priceRef,
    String region,
    String resourceId,
    Map<String, Long> modalityTokens) {

  /** The label of a missing dimension value. */
  public static final String NONE = "(none)";

  public static final String RATE_LIMITED = "rate_limited";
  public static final String ESTIMATED = "estimated";
  public static final String UNPRICED_MODEL = "unpriced_model";
  public static final String PROVISIONED = "provisioned";
  public static final String IMPLAUSIBLE_USAGE = "implausible_usage";

  /**
   * Categories of an Azure OpenAI account's diagnostic setting (lower case): the account's own view
   * of calls that GatewayLogs records already count, so never requests or spend of their own.
   */
  public static final Set<String> RESOURCE_LOG_CATEGORIES =
      Set.of(
          "requestresponse", "audit", "trace", "azureopenairequestusage", "managednetworkevents");

  /** The resource-log category with one record per call the account served. */
  public static final String REQUEST_RESPONSE = "RequestResponse";

  public UsageRecord {
    account = account == null ? null : account.toLowerCase(Locale.ROOT);
    costBreakdown = costBreakdown == null ? null : Map.copyOf(costBreakdown);
    modalityTokens = modalityTokens == null ? Map.of() : Map.copyOf(modalityTokens);
  }

  /** Keys of the audio and image token counts (inside input, cached input and output). */
  public static final List<String> MODALITY_KEYS =
      List.of(
          "gen_ai.usage.audio.input_tokens",
          "gen_ai.usage.audio.cache_read.input_tokens",
          "gen_ai.usage.audio.output_tokens",
          "gen_ai.usage.image.input_tokens",
          "gen_ai.usage.image.cache_read.input_tokens",
          "gen_ai.usage.image.output_tokens");

  /** A record of the fields before the cost breakdown (other callers keep compiling). */
  public UsageRecord(
      Instant time,
      String itemId,
      boolean llm,
      String team,
      String product,
      String deployment,
      String model,
      long inputTokens,
      long outputTokens,
      long cachedInputTokens,
      long reasoningTokens,
      String usageSource,
      BigDecimal costUsd,
      String costStatus,
      String errorType,
      String category,
      String account) {
    this(
        time,
        itemId,
        llm,
        team,
        product,
        deployment,
        model,
        inputTokens,
        outputTokens,
        cachedInputTokens,
        reasoningTokens,
        usageSource,
        costUsd,
        costStatus,
        errorType,
        category,
        account,
        null,
        null,
        null,
        null,
        null);
  }

  /** A record of an Azure OpenAI account's resource log, not of APIM. */
  public boolean resourceLog() {
    return category != null && RESOURCE_LOG_CATEGORIES.contains(category.toLowerCase(Locale.ROOT));
  }

  /** One LLM call as the account logged it ({@code RequestResponse}). */
  public boolean accountRequest() {
    return llm && REQUEST_RESPONSE.equalsIgnoreCase(category);
  }

  /** The UTC day of the request, or null without a time. */
  public LocalDate day() {
    return time == null ? null : LocalDate.ofInstant(time, ZoneOffset.UTC);
  }

  public boolean failed() {
    return errorType != null;
  }

  public boolean rateLimited() {
    return RATE_LIMITED.equals(errorType);
  }

  public boolean estimated() {
    return ESTIMATED.equals(usageSource);
  }

  public boolean unpriced() {
    return UNPRICED_MODEL.equals(costStatus);
  }

  /** Usage no call can have: not priced, and its tokens are no part of any total. */
  public boolean implausibleUsage() {
    return IMPLAUSIBLE_USAGE.equals(costStatus);
  }

  public boolean provisioned() {
    return PROVISIONED.equals(costStatus);
  }
}
