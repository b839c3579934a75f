package dev.tollgate.appinsights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.appinsights.testing.FakeIngestionServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppInsightsPublisherTest {
  static final Instant T = Instant.parse("2026-03-02T10:07:00Z");

  static AppInsightsPublisher publisher(FakeIngestionServer server, List<Duration> slept) {
    HttpIngestionClient client =
        HttpIngestionClient.builder()
            .connectionString(ConnectionString.parse(server.connectionString()))
            .timeout(Duration.ofSeconds(5))
            .build();
    return new AppInsightsPublisher(
        TrackDelivery.builder().client(client).maxAttempts(3).sleeper(slept::add).build(),
        server.instrumentationKey(),
        "instance-1");
  }

  @Test
  void metricPointsKeepTheirTimeIdAndDimensions() {
    try (FakeIngestionServer server = FakeIngestionServer.builder().start()) {
      var report =
          publisher(server, new ArrayList<>())
              .publishMetrics(
                  List.of(
                      new AppInsightsPublisher.MetricPoint(
                          "azure.openai.tokens.prompt",
                          T,
                          1200,
                          3,
                          100,
                          800,
                          Map.of("azure.openai.deployment", "gpt-4o"),
                          "pm:h1")));

      assertThat(report.accepted()).isEqualTo(1);
      var item = server.acceptedItems().get(0);
      assertThat(item.itemId()).isEqualTo("pm:h1");
      assertThat(item.baseType()).isEqualTo("MetricData");
      assertThat(item.envelope().get("time").asText()).isEqualTo(T.toString());
      assertThat(item.baseData().at("/metrics/0/name").asText())
          .isEqualTo("azure.openai.tokens.prompt");
      assertThat(item.baseData().at("/metrics/0/value").asDouble()).isEqualTo(1200.0);
      assertThat(item.baseData().at("/metrics/0/count").asLong()).isEqualTo(3);
      assertThat(item.property("azure.openai.deployment")).isEqualTo("gpt-4o");
    }
  }

  @Test
  void eventsAreSent_throttlingWaitsForRetryAfter() {
    List<Duration> slept = new ArrayList<>();
    try (FakeIngestionServer server =
        FakeIngestionServer.builder().script(Answer.tooManyRequests(3)).start()) {
      publisher(server, slept)
          .publishEvent(
              "TollgateReconciliation",
              T,
              Map.of("tollgate.reconciliation.verdict", "ok"),
              "recon:h1");

      assertThat(slept).containsExactly(Duration.ofSeconds(3));
      var item = server.acceptedItems().get(0);
      assertThat(item.baseData().path("name").asText()).isEqualTo("TollgateReconciliation");
      assertThat(item.property("tollgate.item_id")).isEqualTo("recon:h1");
      assertThat(item.property("tollgate.reconciliation.verdict")).isEqualTo("ok");
    }
  }

  @Test
  void undeliveredItemsThrow() {
    try (FakeIngestionServer server =
        FakeIngestionServer.builder().script(Answer.dailyCapExceeded()).start()) {
      assertThatThrownBy(
              () -> publisher(server, new ArrayList<>()).publishEvent("E", T, Map.of(), "id-1"))
          .isInstanceOf(DeliveryException.class);
    }
  }

  @Test
  void noConnectionStringNoPublisher() {
    assertThat(AppInsightsPublisher.fromSettings(Map.of())).isEmpty();
  }
}
