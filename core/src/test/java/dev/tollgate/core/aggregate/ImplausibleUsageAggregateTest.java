package dev.tollgate.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.Origin;
import dev.tollgate.core.model.Pricing;
import dev.tollgate.core.model.Route;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record whose cost status says implausible usage keeps its tokens out of the window even when
 * its producer left the claimed counts on it (a record family that priced without {@code
 * CostCalculator.checked}), so one bad record cannot poison a budget or an alert.
 */
class ImplausibleUsageAggregateTest {
  static LlmRequest call(String id, long in, long out, Cost cost) {
    return LlmRequest.builder()
        .origin(Origin.builder().time(Instant.parse("2025-07-01T12:00:01Z")).itemId(id).build())
        .route(Route.builder().llm(true).deployment("gpt-4o").operationName("chat").build())
        .usage(new TokenUsage(in, out, 0L, 0L, UsageSource.REPORTED))
        .price(Pricing.of(cost))
        .build();
  }

  @Test
  void implausibleRequestsAreCountedAndTheirTokensAreInNoSum() {
    WindowAggregator agg = new WindowAggregator();
    agg.add(call("a", 100, 10, new Cost(new BigDecimal("0.00035"), CostStatus.PRICED, "ref")));
    agg.add(call("b", 9_007_199_254_740_993L, 7, Cost.of(CostStatus.IMPLAUSIBLE_USAGE)));
    List<WindowAggregate> windows = agg.drain();
    assertThat(windows).hasSize(1);
    WindowAggregate w = windows.get(0);
    assertThat(w.requests()).isEqualTo(2);
    assertThat(w.implausibleUsage()).isEqualTo(1);
    assertThat(w.inputTokens()).isEqualTo(100);
    assertThat(w.outputTokens()).isEqualTo(10);
    assertThat(w.series(Series.INPUT_TOKENS).max()).isEqualTo(100);
    assertThat(w.costUsd()).isEqualByComparingTo("0.00035");
  }

  @Test
  void theCountMergesAcrossAggregates() {
    WindowAggregator agg = new WindowAggregator();
    agg.add(call("b", 50_000_000L, 7, Cost.of(CostStatus.IMPLAUSIBLE_USAGE)));
    WindowAggregate one = agg.drain().get(0);
    agg.add(call("c", 50_000_000L, 7, Cost.of(CostStatus.IMPLAUSIBLE_USAGE)));
    WindowAggregate other = agg.drain().get(0);
    one.merge(other);
    assertThat(one.implausibleUsage()).isEqualTo(2);
    assertThat(one.inputTokens()).isZero();
  }
}
