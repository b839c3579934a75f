package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

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
    String errorType) {

  /** The label of a missing dimension value. */
  public static final String NONE = "(none)";

  public static final String RATE_LIMITED = "rate_limited";
  public static final String ESTIMATED = "estimated";
  public static final String UNPRICED_MODEL = "unpriced_model";
  public static final String PROVISIONED = "provisioned";
  public static final String IMPLAUSIBLE_USAGE = "implausible_usage";

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
