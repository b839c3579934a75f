package dev.tollgate.appinsights;

import java.time.Duration;
import java.util.List;

/**
 * The ingestion service's answer to one track request: HTTP status, Retry-After when given, and the
 * per-item errors of a partial success.
 */
public record TrackResponse(
    int statusCode,
    Duration retryAfter,
    int itemsReceived,
    int itemsAccepted,
    List<ItemError> errors) {

  public TrackResponse {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** One rejected item: its index in the request, its status code and the service's message. */
  public record ItemError(int index, int statusCode, String message) {
    public boolean retriable() {
      return TrackResponse.retriable(statusCode);
    }
  }

  /** Codes worth sending again: time-outs, throttling, and server-side failures. */
  static boolean retriable(int code) {
    return code == 408
        || code == 429
        || code == 439
        || code == 500
        || code == 502
        || code == 503
        || code == 504;
  }
}
