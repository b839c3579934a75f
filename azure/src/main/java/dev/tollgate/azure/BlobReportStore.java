package dev.tollgate.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import dev.tollgate.reports.ReportFile;
import dev.tollgate.reports.ReportStore;
import java.io.IOException;
import java.util.Objects;

/**
 * Writes cost report files to a Blob container under their own names ({@code
 * reports/yyyy/MM/dd/<period>-cost-report.html}, ...: see {@code ReportFiles}), with their content
 * type, so the HTML opens in a browser straight from Storage. A re-run of the same report
 * overwrites its blobs. The container is created when it is missing.
 */
public final class BlobReportStore implements ReportStore {
  public static final String DEFAULT_CONTAINER = "tollgate-reports";

  private final BlobContainerClient container;

  public BlobReportStore(BlobContainerClient container) {
    this.container = Objects.requireNonNull(container, "container");
  }

  /** A store in {@code containerName}, or in {@value #DEFAULT_CONTAINER} when that is blank. */
  public static BlobReportStore create(BlobServiceClient service, String containerName) {
    return new BlobReportStore(
        service.getBlobContainerClient(BlobContainers.nameOr(containerName, DEFAULT_CONTAINER)));
  }

  public BlobContainerClient container() {
    return container;
  }

  /**
   * Uploads (or replaces) the file's blob.
   *
   * @return the blob's URL, slashes as they are
   * @throws IOException naming the blob, container and account when Storage refuses
   */
  @Override
  public String write(ReportFile file) throws IOException {
    BlobClient blob = container.getBlobClient(file.name());
    BlobParallelUploadOptions options =
        new BlobParallelUploadOptions(BinaryData.fromBytes(file.bytes()))
            .setHeaders(new BlobHttpHeaders().setContentType(file.contentType()));
    try {
      BlobContainers.upload(container, blob, options);
    } catch (RuntimeException e) {
      throw new IOException(
          "could not write report blob "
              + file.name()
              + " in "
              + BlobContainers.describe(container)
              + ": "
              + e.getMessage(),
          e);
    }
    // Not getBlobUrl(): it encodes the slashes of the name.
    return container.getBlobContainerUrl() + "/" + file.name();
  }
}
