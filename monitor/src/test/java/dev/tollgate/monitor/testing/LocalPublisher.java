package dev.tollgate.monitor.testing;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.appinsights.ConnectionString;
import dev.tollgate.appinsights.HttpIngestionClient;
import dev.tollgate.appinsights.TrackDelivery;
import dev.tollgate.appinsights.testing.FakeIngestionServer;

/** A publisher that sends to the fake ingestion endpoint, without sleeping between retries. */
public final class LocalPublisher {
  private LocalPublisher() {}

  public static AppInsightsPublisher to(FakeIngestionServer ingestion) {
    HttpIngestionClient client =
        HttpIngestionClient.builder()
            .connectionString(ConnectionString.parse(ingestion.connectionString()))
            .build();
    return new AppInsightsPublisher(
        TrackDelivery.builder().client(client).sleeper(d -> {}).build(),
        ingestion.instrumentationKey(),
        null);
  }
}
