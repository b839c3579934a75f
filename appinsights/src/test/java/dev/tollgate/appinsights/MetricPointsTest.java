package dev.tollgate.appinsights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricPointsTest {
  private static String call(
      int promptTokens, int completionTokens, int status, long durationMs, int n) {
    String resp =
        status == 200
            ? "{\"model\":\"gpt-4o-2024-11-20\",\"usage\":{\"prompt_tokens\":"
                + promptTokens
                + ",\"completion_tokens\":"
                + completionTokens
                + "}}"
            : "{\"error\":{\"code\":\"429\"}}";
    return ApimRecord.call(
            "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            null,
            resp,
            status)
        .time("2026-11-20T09:00:1" + n + ".0000000Z")
        .correlationId("00000000-0000-4000-8000-00000000000" + n)
        .durationMs(durationMs)
        .json();
  }

  @Test
  void aWindowBecomesCountsAndDistributionsThatMerge() {
    CollectingSink sink = new CollectingSink();
    Run run = Pipeline.builder().build().start(sink);
    run.accept(EventBody.ofText(call(100, 10, 200, 300, 1), "t"));
    run.accept(EventBody.ofText(call(300, 30, 200, 700, 2), "t"));
    run.accept(EventBody.ofText(call(0, 0, 429, 40, 3), "t"));
    run.close();
    // The throttled call has no response model, so it has a window of its own.
    assertThat(sink.aggregates).hasSize(2);
    WindowAggregate a =
        sink.aggregates.stream().filter(x -> x.key().model() != null).findFirst().orElseThrow();
    WindowAggregate throttled =
        sink.aggregates.stream().filter(x -> x.key().model() == null).findFirst().orElseThrow();

    Map<String, MetricPoints.Point> byName =
        MetricPoints.of(a).stream()
            .filter(p -> p.dimension() == null)
            .collect(Collectors.toMap(p -> p.data().name(), Function.identity()));
    Envelopes.DataPoint requests = byName.get("tollgate.requests").data();
    assertThat(requests.value()).isEqualTo(2);
    assertThat(requests.count()).isEqualTo(2);

    Envelopes.DataPoint input = byName.get("tollgate.tokens.input").data();
    assertThat(input.value()).isEqualTo(400);
    assertThat(input.count()).isEqualTo(2);
    assertThat(input.min()).isEqualTo(100);
    assertThat(input.max()).isEqualTo(300);
    assertThat(input.stdDev()).isCloseTo(100.0, within(1e-9));

    Envelopes.DataPoint cost = byName.get("tollgate.cost.usd").data();
    // gpt-4o global: (100 x 2.50 + 10 x 10.00 + 300 x 2.50 + 30 x 10.00) / 1M
    assertThat(cost.value()).isCloseTo(0.0014, within(1e-12));

    Envelopes.DataPoint duration = byName.get("tollgate.duration_ms").data();
    assertThat(duration.value()).isEqualTo(1000);
    assertThat(duration.min()).isEqualTo(300);
    assertThat(duration.max()).isEqualTo(700);
    assertThat(MetricPoints.of(a)).noneMatch(p -> p.data().name().equals("tollgate.errors"));
    assertThat(MetricPoints.of(a))
        .filteredOn(p -> p.data().name().equals("tollgate.duration_ms.bucket"))
        .extracting(p -> p.dimensionValue() + "=" + (long) p.data().value())
        .containsExactlyInAnyOrder("500=1", "1000=1");

    List<MetricPoints.Point> withDims =
        MetricPoints.of(throttled).stream().filter(p -> p.dimension() != null).toList();
    assertThat(withDims)
        .filteredOn(p -> p.data().name().equals("tollgate.errors"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.dimensionValue()).isEqualTo("rate_limited");
              assertThat(p.data().value()).isEqualTo(1);
            });
    assertThat(withDims)
        .filteredOn(p -> p.data().name().equals("tollgate.duration_ms.bucket"))
        .extracting(p -> p.dimensionValue() + "=" + (long) p.data().value())
        .containsExactly("100=1");
  }

  @Test
  void neitherPercentilesNorZeroCountsAreSent() {
    CollectingSink sink = new CollectingSink();
    Run run = Pipeline.builder().build().start(sink);
    run.accept(EventBody.ofText(call(100, 10, 200, 300, 1), "t"));
    run.close();
    List<String> names =
        MetricPoints.of(sink.aggregates.get(0)).stream().map(p -> p.data().name()).toList();

    // One instance's p95 cannot be merged with another's; the buckets can.
    assertThat(names).noneMatch(n -> n.startsWith("tollgate.duration_ms.p"));
    assertThat(names).contains("tollgate.duration_ms.bucket", "tollgate.requests");
    // Nothing was filtered, estimated or unpriced: those items would all be zero.
    assertThat(names)
        .doesNotContain(
            "tollgate.content_filter.requests",
            "tollgate.requests.estimated_usage",
            "tollgate.requests.unpriced",
            "tollgate.requests.implausible_usage",
            "tollgate.errors");
    // Zero values left are token distributions (no cached or reasoning tokens), whose count and
    // min still merge.
    assertThat(MetricPoints.of(sink.aggregates.get(0)))
        .filteredOn(p -> p.data().value() == 0)
        .extracting(p -> p.data().name())
        .containsExactlyInAnyOrder("tollgate.tokens.cached_input", "tollgate.tokens.reasoning");
  }
}
