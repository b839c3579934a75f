package dev.tollgate.reports;

/**
 * A model the price catalog does not know ({@code tollgate.cost.status = unpriced_model}): its
 * calls are in the request counts but not in the cost, never as a silent zero.
 */
public record UnpricedModel(
    String model, long requests, long inputTokens, long cachedInputTokens, long outputTokens) {}
