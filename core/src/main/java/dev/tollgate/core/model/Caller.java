package dev.tollgate.core.model;

/** Who made the call, as APIM saw it. */
public record Caller(
    String subscriptionId,
    String productId,
    String apiId,
    String apiRevision,
    String userId,
    String clientAddress,
    String endUser) {}
