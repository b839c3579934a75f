package dev.tollgate.core.model;

import java.time.Instant;

/**
 * A record that could not be enriched, kept whole with the reason. {@code reason} is a short,
 * stable code (e.g. {@code invalid_json}); {@code detail} is the human explanation. {@code seenAt}
 * is the enqueued time of its Event Hub message when known, so a retry files it under the same
 * date, else the time Tollgate read it.
 */
public record DeadLetter(
    String itemId,
    String reason,
    String detail,
    SourcePosition position,
    String raw,
    Instant seenAt) {}
