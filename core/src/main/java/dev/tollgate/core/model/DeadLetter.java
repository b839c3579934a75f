package dev.tollgate.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A record that could not be enriched, kept whole with the reason. {@code reason} is a short,
 * stable code (e.g. {@code invalid_json}); {@code detail} is the human explanation. {@code seenAt}
 * is the enqueued time of its Event Hub message when known, so a retry files it under the same
 * date, else the time Tollgate read it. {@code raw} is the input's text, or its bytes as base64
 * when they are not text ({@code rawEncoding}).
 */
public record DeadLetter(
    String itemId,
    String reason,
    String detail,
    SourcePosition position,
    String raw,
    Instant seenAt,
    RawEncoding rawEncoding) {

  /** How {@code raw} holds the input. */
  public enum RawEncoding {
    /** The input's own text. */
    TEXT,
    /** The input's bytes, base64 (RFC 4648), because they are not valid UTF-8 text. */
    BASE64
  }

  public DeadLetter {
    Objects.requireNonNull(rawEncoding, "rawEncoding");
  }

  /** A dead letter whose raw is the input's text. */
  public DeadLetter(
      String itemId,
      String reason,
      String detail,
      SourcePosition position,
      String raw,
      Instant seenAt) {
    this(itemId, reason, detail, position, raw, seenAt, RawEncoding.TEXT);
  }
}
