package dev.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n}, {@code \r\n} or {@code \r} (as {@code
 * BufferedReader.readLine} does) without decoding them, so one line that is not UTF-8 can be set
 * aside while the others are read. Holds one line at a time: memory follows the longest line, not
 * the file.
 */
final class ByteLines {
  private final InputStream in;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[8192];
  private int len;
  private long start;
  private long next;
  private boolean cr;

  ByteLines(InputStream in) {
    this.in = in;
  }

  /** Reads the next line; false at the end of the stream. */
  boolean advance() throws IOException {
    start = next;
    len = 0;
    int b = read();
    if (cr && b == '\n') { // the \n of a \r\n ending the previous line
      start++;
      b = read();
    }
    cr = false;
    if (b < 0) {
      next = start;
      return false;
    }
    while (b >= 0 && b != '\n' && b != '\r') {
      append((byte) b);
      b = read();
    }
    cr = b == '\r';
    next = start + len + (b < 0 ? 0 : 1);
    return true;
  }

  /** The current line's bytes: {@code bytes()[0..length())}, valid until the next advance. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return len;
  }

  /** Byte offset of the current line in the stream. */
  long offset() {
    return start;
  }

  /** Bytes consumed so far, line endings included. */
  long consumed() {
    return next;
  }

  private int read() throws IOException {
    if (pos == lim) {
      int n = in.read(chunk, 0, chunk.length);
      if (n <= 0) {
        return -1;
      }
      pos = 0;
      lim = n;
    }
    return chunk[pos++] & 0xff;
  }

  private void append(byte b) {
    if (len == line.length) {
      line = Arrays.copyOf(line, len * 2);
    }
    line[len++] = b;
  }
}
