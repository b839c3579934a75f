package dev.tollgate.monitor;

import java.util.Locale;
import java.util.Objects;

/**
 * An Azure OpenAI / AI Services account ({@code Microsoft.CognitiveServices/accounts}).
 *
 * @param resourceId the ARM id, {@code
 *     /subscriptions/.../providers/Microsoft.CognitiveServices/accounts/NAME}
 * @param location the region, e.g. {@code eastus} (decides the metrics data-plane endpoint)
 * @param kind e.g. {@code OpenAI} or {@code AIServices}; may be null
 */
public record Account(String resourceId, String location, String kind) {
  public Account {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(location, "location");
    location = location.toLowerCase(Locale.ROOT).replace(" ", "");
  }

  /** The account's name (the id's last segment). */
  public String name() {
    return ResourceIds.name(resourceId);
  }

  public String subscriptionId() {
    return ResourceIds.subscription(resourceId);
  }
}
