package dev.tollgate.core.aggregate;

import dev.tollgate.core.model.LlmRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One 1-minute window of the requests' own time, for one log category, account, deployment,
 * response model, model version, APIM subscription and operation.
 *
 * <p>The category keeps the gateway's view of a call ({@code GatewayLogs}) and the account's view
 * of the same call ({@code RequestResponse}, {@code AzureOpenAIRequestUsage}) in separate series,
 * so gateway figures and budgets never count a call twice. Dimensions are few on purpose: Azure
 * Monitor allows at most 10 dimensions per custom metric; these seven, the item id and one
 * metric-specific dimension ({@code error.type} or {@code le}) make 10.
 */
public record WindowKey(
    Instant windowStart,
    String category,
    String account,
    String deployment,
    String model,
    String modelVersion,
    String subscriptionId,
    String operation) {

  /** Azure Monitor's limit on dimensions per custom metric. */
  public static final int MAX_METRIC_DIMENSIONS = 10;

  public static WindowKey of(LlmRequest r) {
    String model =
        r.model().responseModel() != null ? r.model().responseModel() : r.model().requestModel();
    return new WindowKey(
        r.origin().time().truncatedTo(ChronoUnit.MINUTES),
        r.origin().category(),
        r.route().account(),
        r.route().deployment(),
        model,
        r.model().modelVersion(),
        r.caller().subscriptionId(),
        r.route().operationName());
  }

  public Instant windowEnd() {
    return windowStart.plus(1, ChronoUnit.MINUTES);
  }
}
