package dev.tollgate.appinsights;

/**
 * Delivery gave up: items are left undelivered. The Event Hub function lets this fail its
 * invocation, so the batch is redelivered; item ids make the second delivery harmless.
 */
public final class DeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int undelivered;
  private final boolean dailyCapReached;

  public DeliveryException(
      String message, int undelivered, boolean dailyCapReached, Throwable cause) {
    super(message, cause);
    this.undelivered = undelivered;
    this.dailyCapReached = dailyCapReached;
  }

  public int undelivered() {
    return undelivered;
  }

  /** The Application Insights daily cap was reached (HTTP 402): data is kept, not dropped. */
  public boolean dailyCapReached() {
    return dailyCapReached;
  }
}
