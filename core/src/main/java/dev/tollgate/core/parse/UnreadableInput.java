package dev.tollgate.core.parse;

import dev.tollgate.core.model.SourcePosition;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Input that could not be read as text or records at all: a line that is not UTF-8, the unreadable
 * rest of an Avro file. It becomes one dead letter keeping its bytes (base64), found again by
 * {@code position} and {@code offset} (the byte offset in its file where the bytes start, -1 when
 * they have none, e.g. a compressed Avro record's body).
 */
public record UnreadableInput(
    String reason,
    String detail,
    SourcePosition position,
    long offset,
    String rawBase64,
    Instant enqueuedTime) {

  public static final String INVALID_UTF8 = "invalid_utf8";

  /**
   * {@code len} bytes of {@code bytes} from {@code off} (what {@code where} names), which start at
   * {@code offset} in their file and stop being UTF-8 at {@code firstBadByte} (counted from {@code
   * off}).
   */
  public static UnreadableInput invalidUtf8(
      SourcePosition position,
      String where,
      long offset,
      byte[] bytes,
      int off,
      int len,
      int firstBadByte,
      Instant enqueuedTime) {
    String at = offset < 0 ? "" : ", file offset " + (offset + firstBadByte);
    String detail =
        where
            + " is not valid UTF-8: first bad byte is byte "
            + firstBadByte
            + " of "
            + len
            + at
            + "; raw holds the bytes as base64";
    return new UnreadableInput(
        INVALID_UTF8, detail, position, offset, base64(bytes, off, len), enqueuedTime);
  }

  public static String base64(byte[] bytes, int off, int len) {
    return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, off, off + len));
  }
}
