package dev.tollgate.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic ids for everything Tollgate emits, derived from the records themselves and never
 * from batch boundaries, so a redelivered batch produces the same ids and queries can de-duplicate.
 */
public final class ItemIds {
  private ItemIds() {}

  /** A request's id: its APIM correlation id, else a hash of the record's content. */
  public static String forRequest(String correlationId, String raw) {
    if (correlationId != null && !correlationId.isBlank()) {
      return "req:" + correlationId.strip().toLowerCase(Locale.ROOT);
    }
    return "req:h" + hash(raw);
  }

  /** A dead letter's id: from its position in the stream when known, else from its content. */
  public static String forDeadLetter(SourcePosition p, String raw) {
    if (p != null && p.partitionId() != null && p.sequenceNumber() != null) {
      return "dl:" + p.partitionId() + ":" + p.sequenceNumber() + ":" + p.index();
    }
    return "dl:h" + hash(raw);
  }

  /**
   * The id of input that could not be read: from where it is (stream position, else file and byte
   * offset), never from its bytes, so a re-run gives the same id and two equal bad lines two.
   */
  public static String forUnreadable(SourcePosition p, long offset) {
    if (p.partitionId() != null && p.sequenceNumber() != null) {
      return forDeadLetter(p, null);
    }
    return "dl:h"
        + hash(
            p.source(),
            String.valueOf(p.partitionId()),
            String.valueOf(p.sequenceNumber()),
            Long.toString(offset));
  }

  /** 128 bits of SHA-256 over the given parts, hex. */
  public static String hash(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
