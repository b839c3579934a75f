package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformMetricsTest {
  static final String ID =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a";
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void namesFollowTheSource() {
    assertThat(PlatformMetrics.outputName("ProcessedPromptTokens"))
        .isEqualTo("azure.openai.tokens.prompt");
    assertThat(PlatformMetrics.outputName("GeneratedTokens"))
        .isEqualTo("azure.openai.tokens.generated");
    assertThat(PlatformMetrics.outputName("AzureOpenAIRequests"))
        .isEqualTo("azure.openai.requests");
    assertThat(PlatformMetrics.outputName("AzureOpenAISomethingNew"))
        .isEqualTo("azure.openai.something_new");
  }

  @Test
  void theItemIdDependsOnResourceMetricMinuteAndDimensionsOnly() {
    String a = PlatformMetrics.itemId(ID, "GeneratedTokens", T, Map.of("x", "1", "y", "2"));
    assertThat(
            PlatformMetrics.itemId(
                ID.toUpperCase(), "generatedtokens", T, Map.of("y", "2", "x", "1")))
        .isEqualTo(a)
        .startsWith("pm:h");
    assertThat(
            PlatformMetrics.itemId(
                ID, "GeneratedTokens", T.plusSeconds(60), Map.of("x", "1", "y", "2")))
        .isNotEqualTo(a);
    assertThat(PlatformMetrics.itemId(ID, "GeneratedTokens", T, Map.of("x", "1", "y", "3")))
        .isNotEqualTo(a);
  }

  @Test
  void pointsCarryTheWindowTimeAndDimensions_nullAndZeroTotalsGiveNothing() {
    var series =
        new PlatformMetricsSource.Series(
            Map.of(
                "modeldeploymentname",
                "gpt-4o",
                "modelname",
                "gpt-4o",
                "modelversion",
                "2024-11-20",
                "statuscode",
                "429"),
            List.of(
                new PlatformMetricsSource.Point(T, null, null, null, null, null),
                new PlatformMetricsSource.Point(T.plusSeconds(60), 2.0, 1.0, 3.0, 40.0, 20.0),
                new PlatformMetricsSource.Point(T.plusSeconds(120), 0.0, 0.0, 0.0, 0.0, 0.0),
                new PlatformMetricsSource.Point(T.plusSeconds(180), 1.0, 1.0, 1.0, 9.0, 9.0)));
    var result =
        new PlatformMetricsSource.Result(
            ID, "AzureOpenAIRequests", "Success", null, List.of(series));
    var info =
        new MetricInfo("AzureOpenAIRequests", Set.of("ModelDeploymentName", "StatusCode"), "Total");

    var points = PlatformMetrics.points(result, info, T, T.plusSeconds(180));

    assertThat(points)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("azure.openai.requests");
              assertThat(p.time()).isEqualTo(T.plusSeconds(60));
              assertThat(p.value()).isEqualTo(40.0);
              assertThat(p.count()).isEqualTo(20);
              assertThat(p.dimensions())
                  .containsEntry("azure.openai.deployment", "gpt-4o")
                  .containsEntry("http.response.status_code", "429")
                  .containsEntry("gen_ai.response.model", "gpt-4o-2024-11-20")
                  .containsEntry("azure.openai.account", "a")
                  .containsEntry("tollgate.source", "azure-monitor");
            });
  }

  @Test
  void averagesAreSentAsSumAndCount() {
    var series =
        new PlatformMetricsSource.Series(
            Map.of(),
            List.of(new PlatformMetricsSource.Point(T, 250.0, 100.0, 400.0, 1000.0, 4.0)));
    var result =
        new PlatformMetricsSource.Result(
            ID, "AzureOpenAITimeToResponse", null, null, List.of(series));
    var p =
        PlatformMetrics.points(
                result,
                new MetricInfo("AzureOpenAITimeToResponse", Set.of(), "Average"),
                T,
                T.plusSeconds(60))
            .get(0);
    assertThat(p.value()).isEqualTo(1000.0);
    assertThat(p.count()).isEqualTo(4);
    assertThat(p.min()).isEqualTo(100.0);
    assertThat(p.max()).isEqualTo(400.0);
  }
}
