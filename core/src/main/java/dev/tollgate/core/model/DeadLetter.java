package dev.tollgate.core.model;

import java.time.Instant;

/**
 * A record that could not be enriched, kept whole with the reason. {@code reason} is a short,
 * stable code (e.g. {@code invalid_json}); {@code detail} is the human explanation.
 */
public record DeadLetter(
    String itemId,
    String reason,
    String detail,
    SourcePosition position,
    String raw,
    Instant seenAt) {}
