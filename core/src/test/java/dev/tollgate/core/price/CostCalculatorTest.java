package dev.tollgate.core.price;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
  static final CostCalculator CALC = new CostCalculator(PriceCatalog.builtIn());
  static final Instant JULY = Instant.parse("2025-07-01T12:00:00Z");

  static TokenUsage usage(Long in, Long out, Long cached, Long reasoning) {
    return new TokenUsage(in, out, cached, reasoning, UsageSource.REPORTED);
  }

  static Cost cost(String model, DeploymentType type, Instant t, TokenUsage u) {
    return CALC.cost(ModelId.parse(model), type, t, u);
  }

  @Test
  void cachedInputIsPricedAtTheCachedPrice() {
    // gpt-4o: 2.50 input, 1.25 cached, 10.00 output per 1M
    // 600 x 2.50 + 400 x 1.25 + 500 x 10.00 = 1500 + 500 + 5000 = 7000 micro-dollars
    Cost c = cost("gpt-4o", DeploymentType.GLOBAL, JULY, usage(1000L, 500L, 400L, null));
    assertThat(c.status()).isEqualTo(CostStatus.PRICED);
    assertThat(c.usd().toPlainString()).isEqualTo("0.007");
    assertThat(c.priceRef()).startsWith("gpt-4o/global@2024-08-06");
  }

  @Test
  void reasoningTokensAreOutputTokensNotExtra() {
    Cost without = cost("o3", DeploymentType.GLOBAL, JULY, usage(34L, 1075L, 0L, null));
    Cost with = cost("o3", DeploymentType.GLOBAL, JULY, usage(34L, 1075L, 0L, 192L));
    // o3 after the cut: 34 x 2.00 + 1075 x 8.00 = 68 + 8600 = 8668 micro-dollars
    assertThat(with.usd().toPlainString()).isEqualTo("0.008668");
    assertThat(with.usd()).isEqualTo(without.usd());
  }

  @Test
  void exactDecimalsWithoutRounding() {
    // 1 token at 0.075 per 1M is 0.000000075 USD exactly
    assertThat(cost("gpt-4o-mini", DeploymentType.GLOBAL, JULY, usage(1L, 0L, 1L, null)).usd())
        .isEqualTo(new java.math.BigDecimal("7.5E-8"));
    // 1,034,567 input + 29,101 output on gpt-4.1-nano: 103456.7 + 11640.4 = 115097.1 micro-dollars
    assertThat(
            cost("gpt-4.1-nano", DeploymentType.GLOBAL, JULY, usage(1_034_567L, 29_101L, 0L, 0L))
                .usd()
                .toPlainString())
        .isEqualTo("0.1150971");
    // o1 with the prompt-caching docs sample: 158 x 15 + 1408 x 7.5 + 1518 x 60 = 104010
    assertThat(
            cost("o1-2024-12-17", DeploymentType.GLOBAL, JULY, usage(1566L, 1518L, 1408L, 576L))
                .usd()
                .toPlainString())
        .isEqualTo("0.10401");
  }

  @Test
  void noCachedPriceMeansCachedTokensCostTheInputPrice() {
    // gpt-4o 2024-05-13 has no cached price: 1000 x 5.00 + 100 x 15.00 = 6500 micro-dollars
    Cost c = cost("gpt-4o-2024-05-13", DeploymentType.GLOBAL, JULY, usage(1000L, 100L, 800L, null));
    assertThat(c.usd().toPlainString()).isEqualTo("0.0065");
  }

  @Test
  void cachedCountAboveInputIsCappedAtInput() {
    // inconsistent usage: all 100 input tokens cached at 1.25, never a negative uncached part
    Cost c = cost("gpt-4o", DeploymentType.GLOBAL, JULY, usage(100L, 0L, 250L, null));
    assertThat(c.usd().toPlainString()).isEqualTo("0.000125");
  }

  @Test
  void embeddingsHaveNoOutputPrice() {
    Cost c =
        cost("text-embedding-3-large", DeploymentType.GLOBAL, JULY, usage(1000L, 0L, null, null));
    assertThat(c.usd().toPlainString()).isEqualTo("0.00013");
  }

  @Test
  void dataZoneAndBatchScaleTheGlobalPrice() {
    TokenUsage u = usage(1000L, 1000L, 0L, 0L);
    // gpt-4o: 2.50 + 10.00 = 12.50 per 1M each; x 1.10 = 13.75; x 0.50 = 6.25 (for 1000 tokens)
    assertThat(cost("gpt-4o", DeploymentType.GLOBAL, JULY, u).usd().toPlainString())
        .isEqualTo("0.0125");
    assertThat(cost("gpt-4o", DeploymentType.DATA_ZONE, JULY, u).usd().toPlainString())
        .isEqualTo("0.01375");
    assertThat(cost("gpt-4o", DeploymentType.BATCH, JULY, u).usd().toPlainString())
        .isEqualTo("0.00625");
  }

  @Test
  void statusesOtherThanPriced() {
    TokenUsage u = usage(10L, 10L, null, null);
    assertThat(cost("gpt-4o", DeploymentType.PROVISIONED, JULY, u))
        .isEqualTo(Cost.of(CostStatus.PROVISIONED));
    assertThat(cost("gpt-4o", DeploymentType.GLOBAL, JULY, TokenUsage.NONE))
        .isEqualTo(Cost.of(CostStatus.NO_USAGE));
    assertThat(cost("gpt-4o", DeploymentType.GLOBAL, JULY, null))
        .isEqualTo(Cost.of(CostStatus.NO_USAGE));
    assertThat(cost("pirate-ft", DeploymentType.GLOBAL, JULY, u))
        .isEqualTo(Cost.of(CostStatus.UNPRICED_MODEL));
    assertThat(CALC.cost(null, DeploymentType.GLOBAL, JULY, u))
        .isEqualTo(Cost.of(CostStatus.UNPRICED_MODEL));
    // o3 before its first price
    assertThat(cost("o3", DeploymentType.GLOBAL, Instant.parse("2025-04-01T00:00:00Z"), u).status())
        .isEqualTo(CostStatus.UNPRICED_MODEL);
  }

  @Test
  void theDayIsTheUtcDayOfTheRequest() {
    TokenUsage u = usage(100_000L, 0L, 0L, 0L);
    // 2025-06-09T23:59:59Z is still the old o3 price (10.00), a second later the new (2.00)
    assertThat(cost("o3", DeploymentType.GLOBAL, Instant.parse("2025-06-09T23:59:59Z"), u).usd())
        .isEqualByComparingTo("1");
    assertThat(cost("o3", DeploymentType.GLOBAL, Instant.parse("2025-06-10T00:00:00Z"), u).usd())
        .isEqualByComparingTo("0.2");
  }

  @Test
  void usageBeyondTheModelsLimitsIsNeverPricedEvenUnchecked() {
    // 2^53 + 1 prompt tokens on gpt-4o were once priced at $22.5 billion
    TokenUsage claimed = usage(9_007_199_254_740_993L, 7L, null, null);
    assertThat(cost("gpt-4o", DeploymentType.GLOBAL, JULY, claimed))
        .isEqualTo(Cost.of(CostStatus.IMPLAUSIBLE_USAGE));
    // whatever the deployment type: a PTU record must not carry it as provisioned usage either
    assertThat(cost("gpt-4o", DeploymentType.PROVISIONED, JULY, claimed))
        .isEqualTo(Cost.of(CostStatus.IMPLAUSIBLE_USAGE));
    // usage already marked implausible is not priced whatever its counts
    assertThat(
            cost(
                "gpt-4o",
                DeploymentType.GLOBAL,
                JULY,
                TokenUsage.implausible(UsageSource.REPORTED, "prompt_tokens=-5 is negative")))
        .isEqualTo(Cost.of(CostStatus.IMPLAUSIBLE_USAGE));
  }

  @Test
  void checkedUsageKeepsTheClaimAndDropsTheCounts() {
    TokenUsage estimated = new TokenUsage(10L, 200_000L, null, null, UsageSource.ESTIMATED);
    TokenUsage checked = CALC.checked(ModelId.parse("o3-2025-04-16"), estimated);
    assertThat(checked.plausible()).isFalse();
    assertThat(checked.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(checked.implausible())
        .isEqualTo("output_tokens=200000 exceeds the output limit of o3 (100000)");
    assertThat(checked.hasTokens()).isFalse();
    // within the limits: the same object back
    TokenUsage fine = usage(200_000L, 100_000L, 200_000L, 100_000L);
    assertThat(CALC.checked(ModelId.parse("o3"), fine)).isSameAs(fine);
    // reasoning and cached counts are held to the same limits
    assertThat(CALC.checked(ModelId.parse("o3"), usage(10L, 10L, 200_001L, 100_001L)).implausible())
        .isEqualTo(
            "cached_input_tokens=200001 exceeds the context window of o3 (200000); "
                + "reasoning_tokens=100001 exceeds the output limit of o3 (100000)");
  }
}
