package dev.tollgate.azure;

/**
 * Blob Storage did not take a write. Thrown so the caller (the Functions host) retries the batch;
 * the message names the blob and container, the cause holds the service's answer.
 */
public final class BlobDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BlobDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
