package dev.tollgate.core.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: bytes become text only when every sequence is valid. Java's own decoding replaces
 * bad bytes with U+FFFD, which would alter a record silently; here the caller learns where the
 * first bad byte is and can keep the bytes as they are. Not thread-safe (one decoder per reader).
 */
public final class Utf8Decoder {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** The text, or null with the offset (from {@code off}) of the first byte that is not UTF-8. */
  public record Decoded(String text, int firstBadByte) {
    public boolean valid() {
      return text != null;
    }
  }

  public Decoded decode(byte[] bytes, int off, int len) {
    ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
    // UTF-8 never decodes to more UTF-16 units than it has bytes
    CharBuffer out = CharBuffer.allocate(len);
    decoder.reset();
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      return new Decoded(null, in.position() - off);
    }
    return new Decoded(out.flip().toString(), -1);
  }

  public Decoded decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }
}
