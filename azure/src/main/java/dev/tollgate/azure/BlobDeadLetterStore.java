package dev.tollgate.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.output.DeadLetterFields;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each dead letter as one JSON blob named {@code yyyy/MM/dd/<itemId>.json}. The name comes
 * from the dead letter's id, so a retried batch overwrites its own blobs instead of adding copies.
 * As a {@link TollgateSink} it takes only dead letters: requests and aggregates are another sink's.
 * Writes at once and throws {@link BlobDeliveryException} when Storage refuses, so the batch fails
 * before its progress is recorded. The day is the dead letter's {@code seenAt}: a retry that
 * crosses midnight UTC writes a second copy under the next day, with the same item id to
 * de-duplicate by.
 */
public final class BlobDeadLetterStore implements TollgateSink {
  public static final String DEFAULT_CONTAINER = "tollgate-deadletter";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final BlobContainerClient container;

  public BlobDeadLetterStore(BlobContainerClient container) {
    this.container = Objects.requireNonNull(container, "container");
  }

  /** A store in {@code containerName}, or in {@value #DEFAULT_CONTAINER} when that is blank. */
  public static BlobDeadLetterStore create(BlobServiceClient service, String containerName) {
    return new BlobDeadLetterStore(
        service.getBlobContainerClient(BlobContainers.nameOr(containerName, DEFAULT_CONTAINER)));
  }

  public BlobContainerClient container() {
    return container;
  }

  /** The blob name of a dead letter: its day (UTC) and its id, made path-safe. */
  public static String blobName(DeadLetter d) {
    return DAY.format(d.seenAt()) + "/" + safe(d.itemId()) + ".json";
  }

  /**
   * Writes (or overwrites) the dead letter's blob and returns its name; creates the container when
   * it is missing.
   */
  public String write(DeadLetter d) {
    String name = blobName(d);
    BlobClient blob = container.getBlobClient(name);
    BlobParallelUploadOptions options =
        new BlobParallelUploadOptions(BinaryData.fromBytes(json(d)))
            .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
            .setMetadata(Map.of("reason", safe(d.reason())));
    try {
      BlobContainers.upload(container, blob, options);
    } catch (RuntimeException e) {
      throw new BlobDeliveryException(
          "could not write dead letter "
              + d.itemId()
              + " to blob "
              + name
              + " in "
              + BlobContainers.describe(container)
              + ": "
              + e.getMessage(),
          e);
    }
    return name;
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    write(deadLetter);
  }

  @Override
  public void request(LlmRequest request) {
    // Not ours: requests go to the telemetry sink.
  }

  @Override
  public void aggregate(WindowAggregate aggregate) {
    // Not ours: aggregates go to the telemetry sink.
  }

  @Override
  public void finish(RunStats stats) {
    // Nothing held back: each dead letter was written when it came.
  }

  private static byte[] json(DeadLetter d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      DeadLetterFields.write(g, d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Letters, digits, '.', '-' and '_' kept; anything else (such as ':') becomes '_'. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }
}
