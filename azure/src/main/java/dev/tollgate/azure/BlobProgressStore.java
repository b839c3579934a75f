package dev.tollgate.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.pipeline.ProgressStore;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-partition progress in Blob Storage: one blob per partition, {@code <namespace>/<event
 * hub>/<consumer group>/<partition>.json}, holding {@code {"sequenceNumber": n}}. Writes are
 * conditional on the blob's ETag, so two instances that race on a partition (as happens while a
 * lease moves) end at the higher number: progress never moves backwards.
 */
public final class BlobProgressStore implements ProgressStore {
  public static final String DEFAULT_CONTAINER = "tollgate-progress";
  static final int MAX_ATTEMPTS = 20;

  private final BlobContainerClient container;
  private final String prefix;

  private BlobProgressStore(BlobContainerClient container, String prefix) {
    this.container = container;
    this.prefix = prefix;
  }

  public static Builder builder() {
    return new Builder();
  }

  public BlobContainerClient container() {
    return container;
  }

  /** The blob that holds a partition's progress. */
  public String blobName(String partitionId) {
    return prefix + segment("partition id", partitionId) + ".json";
  }

  @Override
  public OptionalLong delivered(String partitionId) {
    Long seq = read(partitionId).sequenceNumber;
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  @Override
  public void markDelivered(String partitionId, long sequenceNumber) {
    BlobClient blob = container.getBlobClient(blobName(partitionId));
    BinaryData body = BinaryData.fromString("{\"sequenceNumber\":" + sequenceNumber + "}");
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Current current = read(partitionId);
      if (current.sequenceNumber != null && current.sequenceNumber >= sequenceNumber) {
        return;
      }
      BlobRequestConditions onlyIfUnchanged =
          current.etag == null
              ? new BlobRequestConditions().setIfNoneMatch("*")
              : new BlobRequestConditions().setIfMatch(current.etag);
      try {
        blob.uploadWithResponse(
            new BlobParallelUploadOptions(body)
                .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
                .setRequestConditions(onlyIfUnchanged),
            null,
            Context.NONE);
        return;
      } catch (BlobStorageException e) {
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
          container.createIfNotExists();
        } else if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
          pause(attempt); // Someone else wrote first: read again and compare.
        } else {
          throw failure("could not record progress in", blob, e);
        }
      } catch (RuntimeException e) {
        throw failure("could not record progress in", blob, e);
      }
    }
    throw new BlobDeliveryException(
        "gave up recording progress in "
            + where(blob)
            + " after "
            + MAX_ATTEMPTS
            + " conflicting writes",
        null);
  }

  private Current read(String partitionId) {
    BlobClient blob = container.getBlobClient(blobName(partitionId));
    BlobDownloadContentResponse r;
    try {
      r = blob.downloadContentWithResponse(null, null, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) {
        return new Current(null, null);
      }
      throw failure("could not read progress from", blob, e);
    } catch (RuntimeException e) {
      throw failure("could not read progress from", blob, e);
    }
    Long seq;
    try {
      JsonNode node = Json.MAPPER.readTree(r.getValue().toBytes());
      seq = Json.longValue(node, "sequenceNumber");
    } catch (IOException e) {
      seq = null;
    }
    if (seq == null) {
      // Not something this store wrote: refuse rather than reprocess from the start.
      throw new BlobDeliveryException(
          where(blob) + " does not hold {\"sequenceNumber\": n}; fix or delete it", null);
    }
    return new Current(seq, r.getDeserializedHeaders().getETag());
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * Math.min(attempt, 10)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording progress", e);
    }
  }

  private BlobDeliveryException failure(String what, BlobClient blob, RuntimeException e) {
    return new BlobDeliveryException(what + " " + where(blob) + ": " + e.getMessage(), e);
  }

  private String where(BlobClient blob) {
    return "blob " + blob.getBlobName() + " in " + BlobContainers.describe(container);
  }

  private static String segment(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.contains("/") || v.contains("\\")) {
      throw new IllegalArgumentException(what + " must not contain a slash: " + value);
    }
    return v;
  }

  private record Current(Long sequenceNumber, String etag) {}

  /** Builder in the Azure SDK style; namespace, event hub and consumer group are required. */
  public static final class Builder {
    private BlobServiceClient serviceClient;
    private String containerName = DEFAULT_CONTAINER;
    private String namespace;
    private String eventHubName;
    private String consumerGroup;

    private Builder() {}

    public Builder serviceClient(BlobServiceClient serviceClient) {
      this.serviceClient = serviceClient;
      return this;
    }

    /** Defaults to {@value BlobProgressStore#DEFAULT_CONTAINER}; blank means the default. */
    public Builder containerName(String containerName) {
      this.containerName = BlobContainers.nameOr(containerName, DEFAULT_CONTAINER);
      return this;
    }

    /** The Event Hubs namespace, e.g. {@code my-ns.servicebus.windows.net}. */
    public Builder fullyQualifiedNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder eventHubName(String eventHubName) {
      this.eventHubName = eventHubName;
      return this;
    }

    public Builder consumerGroup(String consumerGroup) {
      this.consumerGroup = consumerGroup;
      return this;
    }

    public BlobProgressStore build() {
      Objects.requireNonNull(serviceClient, "serviceClient");
      // Lower case: Event Hubs names are case-insensitive, blob names are not.
      String prefix =
          segment("Event Hubs namespace", namespace)
              + "/"
              + segment("event hub name", eventHubName)
              + "/"
              + segment("consumer group", consumerGroup)
              + "/";
      return new BlobProgressStore(serviceClient.getBlobContainerClient(containerName), prefix);
    }
  }
}
