package dev.tollgate.cli;

import dev.tollgate.core.model.SourcePosition;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.UnreadableInput;
import dev.tollgate.core.parse.Utf8Decoder;
import dev.tollgate.core.pipeline.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Reads Event Hub bodies from files: a {@code .json} file is one body; {@code .jsonl}/{@code .log}
 * files hold one body per line (streamed, so memory stays flat); {@code .avro} files are Event Hubs
 * Capture output ({@link CaptureReader}). Text is decoded as strict UTF-8 per body: a line that is
 * not UTF-8 becomes one dead letter and the next line is read. Only a file that cannot be opened or
 * read throws.
 */
final class BodySources {
  private BodySources() {}

  static void read(Path file, Run run, LongConsumer bytesRead) throws IOException {
    if (InputFiles.isCapture(file)) {
      CaptureReader.read(file, run);
      bytesRead.accept(Files.size(file));
    } else if (InputFiles.isWholeDocument(file)) {
      readWhole(file, run);
      bytesRead.accept(Files.size(file));
    } else {
      readLines(file, run, bytesRead);
    }
  }

  private static void readWhole(Path file, Run run) throws IOException {
    String source = file.toString();
    byte[] bytes = Files.readAllBytes(file);
    int skip = bom(bytes, bytes.length);
    Utf8Decoder.Decoded d = new Utf8Decoder().decode(bytes, skip, bytes.length - skip);
    if (d.valid()) {
      run.accept(EventBody.ofText(d.text(), source));
      return;
    }
    int line = 1;
    for (int i = 0; i < skip + d.firstBadByte(); i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    run.unreadable(
        UnreadableInput.invalidUtf8(
            SourcePosition.ofFile(source, 0),
            source + " (line " + line + ")",
            0,
            bytes,
            0,
            bytes.length,
            skip + d.firstBadByte(),
            null));
  }

  private static void readLines(Path file, Run run, LongConsumer bytesRead) throws IOException {
    String source = file.toString();
    Utf8Decoder utf8 = new Utf8Decoder();
    try (InputStream in = Files.newInputStream(file)) {
      ByteLines lines = new ByteLines(in);
      long lineNo = 0;
      long consumed = 0;
      while (lines.advance()) {
        lineNo++;
        bytesRead.accept(lines.consumed() - consumed);
        consumed = lines.consumed();
        int skip = lineNo == 1 ? bom(lines.bytes(), lines.length()) : 0;
        Utf8Decoder.Decoded d = utf8.decode(lines.bytes(), skip, lines.length() - skip);
        String where = source + ":" + lineNo;
        if (!d.valid()) {
          run.unreadable(
              UnreadableInput.invalidUtf8(
                  SourcePosition.ofFile(where, 0),
                  "line " + lineNo + " of " + source,
                  lines.offset(),
                  lines.bytes(),
                  0,
                  lines.length(),
                  skip + d.firstBadByte(),
                  null));
        } else if (!d.text().isBlank()) {
          run.accept(EventBody.ofText(d.text(), where));
        }
      }
    }
  }

  /** Length of a UTF-8 byte order mark at the start (Windows tools write one), else 0. */
  private static int bom(byte[] b, int len) {
    return len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
  }
}
