package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.ProgressStore;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import dev.tollgate.core.price.PriceCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InventoryPricedPipelineTest {
  private static final String RECORD =
      "{\"time\":\"2025-07-01T12:00:00Z\",\"category\":\"GatewayLogs\",\"correlationId\":\"c1\","
          + "\"properties\":{\"url\":\"https://gw/openai/deployments/chat/chat/completions\","
          + "\"responseCode\":200,\"responseBody\":\"{\\\"model\\\":\\\"gpt-4\\\",\\\"usage\\\":"
          + "{\\\"prompt_tokens\\\":1000,\\\"completion_tokens\\\":100}}\"}}";

  private static LlmRequest enrich(Pipeline p) {
    List<LlmRequest> out = new ArrayList<>();
    p.processBatch(
        List.of(EventBody.ofText(RECORD, "t")),
        new TollgateSink() {
          @Override
          public void request(LlmRequest r) {
            out.add(r);
          }

          @Override
          public void deadLetter(DeadLetter d) {}

          @Override
          public void aggregate(WindowAggregate a) {}

          @Override
          public void finish(RunStats stats) {}
        },
        ProgressStore.inMemory());
    return out.get(0);
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-20T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void pricesByTheInventoryAndRefreshesEveryFifteenMinutes() {
    AtomicInteger reads = new AtomicInteger();
    Supplier<InventoryPricedPipeline.Inventory> inventory =
        () -> {
          reads.incrementAndGet();
          return new InventoryPricedPipeline.Inventory(
              Map.of("chat", DeploymentType.REGIONAL),
              Map.of("chat", ModelId.parse("gpt-4-turbo-2024-04-09")));
        };
    MutableClock clock = new MutableClock();
    InventoryPricedPipeline p =
        new InventoryPricedPipeline(
            PriceCatalog.builtIn(), EnrichOptions.DEFAULTS, inventory, clock);

    LlmRequest r = enrich(p.get());
    assertThat(r.price().priceSource()).isEqualTo("inventory");
    assertThat(r.price().pricedModel()).isEqualTo("gpt-4-turbo-2024-04-09");
    assertThat(r.price().cost().usd()).isEqualByComparingTo("0.013");

    p.get();
    clock.now = clock.now.plus(Duration.ofMinutes(14));
    p.get();
    assertThat(reads).hasValue(1);
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    p.get();
    assertThat(reads).hasValue(2);
  }

  @Test
  void anUnreadableInventoryKeepsTheLastKnownPricing() {
    MutableClock clock = new MutableClock();
    InventoryPricedPipeline p =
        new InventoryPricedPipeline(
            PriceCatalog.builtIn(),
            EnrichOptions.DEFAULTS,
            () -> {
              throw new IllegalStateException("table not found");
            },
            clock);
    LlmRequest r = enrich(p.get());
    assertThat(r.price().priceSource()).isEqualTo("response");
    assertThat(r.price().pricedModel()).isEqualTo("gpt-4");
  }
}
