package dev.tollgate.core.aggregate;

import dev.tollgate.core.model.LlmRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One 1-minute window of the requests' own time, for one deployment, response model, APIM
 * subscription and operation. Dimensions are few on purpose: Azure Monitor limits custom-metric
 * dimensions and time series.
 */
public record WindowKey(
    Instant windowStart, String deployment, String model, String subscriptionId, String operation) {

  public static WindowKey of(LlmRequest r) {
    String model =
        r.model().responseModel() != null ? r.model().responseModel() : r.model().requestModel();
    return new WindowKey(
        r.origin().time().truncatedTo(ChronoUnit.MINUTES),
        r.route().deployment(),
        model,
        r.caller().subscriptionId(),
        r.route().operationName());
  }

  public Instant windowEnd() {
    return windowStart.plus(1, ChronoUnit.MINUTES);
  }
}
