package dev.tollgate.cli;

import dev.tollgate.core.enrich.Times;
import dev.tollgate.core.parse.EventBody;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads Event Hub bodies from files: a {@code .json} file is one body; {@code .jsonl}/{@code .log}
 * files hold one body per line (streamed, so memory stays flat); {@code .avro} files are Event Hubs
 * Capture output, one body per Avro record with its partition and sequence number.
 */
final class BodySources {
  /** Capture writes EnqueuedTimeUtc like {@code 9/22/2021 2:36:56 PM}. */
  private static final DateTimeFormatter CAPTURE_TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

  private BodySources() {}

  static void read(Path file, Consumer<EventBody> out, Consumer<Long> bytesRead)
      throws IOException {
    String source = file.toString();
    if (InputFiles.isCapture(file)) {
      readCapture(file, out);
      bytesRead.accept(Files.size(file));
    } else if (InputFiles.isWholeDocument(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      out.accept(EventBody.ofText(text, source));
      bytesRead.accept(Files.size(file));
    } else {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        long lineNo = 0;
        while ((line = r.readLine()) != null) {
          lineNo++;
          bytesRead.accept((long) line.length() + 1);
          if (!line.isBlank()) {
            out.accept(EventBody.ofText(line, source + ":" + lineNo));
          }
        }
      }
    }
  }

  private static void readCapture(Path file, Consumer<EventBody> out) throws IOException {
    String partition = capturePartition(file);
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      for (GenericRecord rec : reader) {
        Object body = rec.get("Body");
        String text =
            body instanceof ByteBuffer b
                ? StandardCharsets.UTF_8.decode(b.duplicate()).toString()
                : String.valueOf(body);
        Object seq = rec.get("SequenceNumber");
        Object enq = rec.get("EnqueuedTimeUtc");
        out.accept(
            new EventBody(
                text,
                partition,
                seq instanceof Long l ? l : null,
                enq == null ? null : captureTime(enq.toString()),
                file.toString()));
      }
    }
  }

  /**
   * Capture's default path is {@code
   * {Namespace}/{EventHub}/{PartitionId}/{Y}/{M}/{D}/{h}/{m}/{s}.avro}.
   */
  static String capturePartition(Path file) {
    int n = file.getNameCount();
    if (n < 7) {
      return null;
    }
    String p = file.getName(n - 7).toString();
    return p.chars().allMatch(Character::isDigit) ? p : null;
  }

  static Instant captureTime(String s) {
    try {
      return LocalDateTime.parse(s.strip(), CAPTURE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Times.parse(s);
    }
  }
}
