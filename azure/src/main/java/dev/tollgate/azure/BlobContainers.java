package dev.tollgate.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;

/** What the Blob stores share: container names, lazy container creation and error wording. */
final class BlobContainers {
  private BlobContainers() {}

  /** {@code containerName} stripped, or {@code defaultName} when it is null or blank. */
  static String nameOr(String containerName, String defaultName) {
    return containerName == null || containerName.isBlank() ? defaultName : containerName.strip();
  }

  /**
   * Uploads the blob; when its container is missing, creates it and uploads once more. Creating
   * only on that error keeps the usual write to one request.
   */
  static void upload(
      BlobContainerClient container, BlobClient blob, BlobParallelUploadOptions options) {
    try {
      blob.uploadWithResponse(options, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (!BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
        throw e;
      }
      container.createIfNotExists();
      blob.uploadWithResponse(options, null, Context.NONE);
    }
  }

  /** {@code container <name> at <account url>}, for error messages. */
  static String describe(BlobContainerClient container) {
    return "container " + container.getBlobContainerName() + " at " + container.getAccountUrl();
  }
}
