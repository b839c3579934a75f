package dev.tollgate.cli;

import dev.tollgate.core.enrich.Times;
import dev.tollgate.core.model.SourcePosition;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.UnreadableInput;
import dev.tollgate.core.parse.Utf8Decoder;
import dev.tollgate.core.pipeline.Run;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads an Event Hubs Capture {@code .avro} file: one body per Avro record, with its partition and
 * sequence number. What cannot be read never stops the run: a block that fails is skipped to the
 * next sync marker (Avro writes one after every block) and the bytes skipped become one dead letter
 * with the file and byte offset; a file that ends inside a block, or is not Avro at all, the same.
 * Only a file that cannot be opened throws.
 */
final class CaptureReader {
  static final String CORRUPT_AVRO = "corrupt_avro";
  static final String NOT_AVRO = "not_avro";

  /** Most bytes a dead letter keeps of an unreadable range (the file keeps the rest). */
  static final int MAX_RAW = 1 << 20;

  /** Capture writes EnqueuedTimeUtc like {@code 9/22/2021 2:36:56 PM}. */
  private static final DateTimeFormatter CAPTURE_TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

  private final Path file;
  private final Run run;
  private final String partition;
  private final long size;
  private final Utf8Decoder utf8 = new Utf8Decoder();
  private String lastError;

  private CaptureReader(Path file, Run run) throws IOException {
    this.file = file;
    this.run = run;
    this.partition = capturePartition(file);
    this.size = Files.size(file);
  }

  static void read(Path file, Run run) throws IOException {
    new CaptureReader(file, run).read();
  }

  private void read() throws IOException {
    if (!hasAvroMagic()) {
      unreadable(NOT_AVRO, 0, size, "is not an Avro file (it does not start with Avro's magic)");
      return;
    }
    long from = 0;
    boolean resync = false;
    while (from < size) {
      DataFileReader<GenericRecord> reader = open();
      if (reader == null) {
        return;
      }
      try (reader) {
        if (resync) {
          reader.sync(from);
          long next = reader.previousSync();
          unreadable(CORRUPT_AVRO, from, next, "cannot be read as Avro " + lastError);
          from = next;
        }
        from = readBlocks(reader);
        resync = from < size;
      }
    }
  }

  /**
   * A fresh reader (after an error the old one's block state cannot be trusted), or null when the
   * header cannot be read: then the whole file is one dead letter.
   */
  private DataFileReader<GenericRecord> open() throws IOException {
    SeekableFileInput in = new SeekableFileInput(file.toFile());
    try {
      return new DataFileReader<>(in, new GenericDatumReader<>());
    } catch (IOException | RuntimeException e) {
      in.close();
      unreadable(CORRUPT_AVRO, 0, size, "has no readable Avro header (" + e.getMessage() + ")");
      return null;
    }
  }

  /** Reads records until the end or an error; returns where the unread bytes start. */
  private long readBlocks(DataFileReader<GenericRecord> reader) {
    GenericRecord rec = null;
    while (true) {
      long block = reader.previousSync();
      try {
        if (!reader.hasNext()) {
          // Avro reports a file cut inside a block as its end
          lastError = "(the file ends inside a block: truncated?)";
          return reader.previousSync();
        }
        rec = reader.next(rec);
      } catch (IOException | RuntimeException e) {
        lastError = "(" + e.getMessage() + ")";
        return block;
      }
      body(rec);
    }
  }

  private void body(GenericRecord rec) {
    Object seqValue = rec.get("SequenceNumber");
    Long seq = seqValue instanceof Long l ? l : null;
    Object enq = rec.get("EnqueuedTimeUtc");
    Instant enqueued = enq == null ? null : captureTime(enq.toString());
    Object body = rec.get("Body");
    String text;
    if (body instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      Utf8Decoder.Decoded d = utf8.decode(bytes);
      if (!d.valid()) {
        run.unreadable(
            UnreadableInput.invalidUtf8(
                new SourcePosition(partition, seq, file.toString(), 0),
                "the Body of sequence number " + seq + " in " + file,
                -1,
                bytes,
                0,
                bytes.length,
                d.firstBadByte(),
                enqueued));
        return;
      }
      text = d.text();
    } else {
      text = String.valueOf(body);
    }
    run.accept(new EventBody(text, partition, seq, enqueued, file.toString()));
  }

  private boolean hasAvroMagic() throws IOException {
    byte[] magic = DataFileConstants.MAGIC;
    return Arrays.equals(head(0, magic.length), magic);
  }

  /** One dead letter for bytes {@code from..to} of the file, keeping up to {@link #MAX_RAW}. */
  private void unreadable(String reason, long from, long to, String why) throws IOException {
    byte[] raw = head(from, (int) Math.min(to - from, MAX_RAW));
    String kept =
        raw.length < to - from ? "; raw holds the first " + raw.length + " as base64" : "";
    String detail =
        "bytes "
            + from
            + " to "
            + to
            + " of "
            + file
            + " ("
            + (to - from)
            + " bytes) "
            + why
            + kept;
    run.unreadable(
        new UnreadableInput(
            reason,
            detail,
            new SourcePosition(partition, null, file.toString(), 0),
            from,
            UnreadableInput.base64(raw, 0, raw.length),
            null));
  }

  private byte[] head(long from, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // fill
      }
    }
    return Arrays.copyOf(buf.array(), buf.position());
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
