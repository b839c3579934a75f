package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployment inventory says what a deployment really runs; the price follows it. */
class InventoryPricingTest {
  private static final String RECORD =
      ApimRecord.call(
              "/openai/deployments/Chat-Turbo/chat/completions?api-version=2024-10-21",
              null,
              "{\"model\":\"gpt-4\",\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100}}",
              200)
          .time("2025-07-01T12:00:00Z")
          .json();

  private static LlmRequest enrich(EnrichOptions options) {
    CollectingSink sink = new CollectingSink();
    Run run = Pipeline.builder().options(options).build().start(sink);
    run.accept(EventBody.ofText(RECORD, "t"));
    run.close();
    return sink.onlyRequest();
  }

  @Test
  void withoutInventoryTheVersionLessResponseModelIsPriced() {
    LlmRequest r = enrich(EnrichOptions.DEFAULTS);
    // gpt-4 (0613) has only a regional list price: 30 / 60 per 1M -> 0.03 + 0.006.
    assertThat(r.price().pricedModel()).isEqualTo("gpt-4");
    assertThat(r.price().priceSource()).isEqualTo("response");
  }

  @Test
  void theInventoryModelVersionAndSkuWin() {
    EnrichOptions options =
        EnrichOptions.DEFAULTS.withInventory(
            Map.of("chat-turbo", DeploymentType.REGIONAL),
            Map.of("Chat-Turbo", ModelId.parse("gpt-4-turbo-2024-04-09")));
    LlmRequest r = enrich(options);

    assertThat(r.price().pricedModel()).isEqualTo("gpt-4-turbo-2024-04-09");
    assertThat(r.price().priceSource()).isEqualTo("inventory");
    assertThat(r.price().deploymentType()).isEqualTo("regional");
    // GPT-4 Turbo regional: 10 / 30 per 1M -> 1000 x 10 + 100 x 30 = 13,000 / 1M.
    assertThat(r.price().cost().usd()).isEqualByComparingTo("0.013");
  }

  @Test
  void anExplicitDeploymentTypeSettingWinsOverTheInventory() {
    EnrichOptions options =
        new EnrichOptions(
                false, null, DeploymentType.GLOBAL, Map.of("chat-turbo", DeploymentType.BATCH))
            .withInventory(Map.of("chat-turbo", DeploymentType.REGIONAL), Map.of());
    assertThat(options.deploymentTypeOf("Chat-Turbo")).isEqualTo(DeploymentType.BATCH);
  }
}
