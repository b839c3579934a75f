package dev.tollgate.core.price;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.TokenClass;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.testing.Resources;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each token class at its own rate; a class without a rate is never priced as text. */
class TokenClassPricingTest {
  static final Instant JULY = Instant.parse("2025-07-01T12:00:00Z");
  static CostCalculator calc;

  @BeforeAll
  static void catalog(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("token-classes.json");
    Files.writeString(f, Resources.text("catalog/token-classes.json"));
    calc = new CostCalculator(PriceCatalog.withOverride(f));
  }

  static Cost cost(String model, TokenUsage u) {
    return calc.cost(ModelId.parse(model), DeploymentType.GLOBAL, JULY, u);
  }

  /**
   * Tokens per class 1..9 in class order (input 1, cached 2, output 3, audio 4, cached audio 5,
   * audio out 6, image 7, cached image 8, image out 9), as Azure reports them: parts inside totals.
   */
  static final TokenUsage ONE_TO_NINE =
      TokenUsage.builder()
          .inputTokens(1L + 2 + 4 + 5 + 7 + 8)
          .cachedInputTokens(2L + 5 + 8)
          .outputTokens(3L + 6 + 9)
          .audioInputTokens(4L + 5)
          .cachedAudioInputTokens(5L)
          .audioOutputTokens(6L)
          .imageInputTokens(7L + 8)
          .cachedImageInputTokens(8L)
          .imageOutputTokens(9L)
          .build();

  @Test
  void eachClassIsPricedAtItsOwnRate() {
    // rates 1, 10, 100, ... 1e8 per 1M: digit k of the micro-dollars is the count of class k
    Cost c = cost("mm", ONE_TO_NINE);
    assertThat(c.status()).isEqualTo(CostStatus.PRICED);
    assertThat(c.usd()).isEqualByComparingTo("987.654321");
    assertThat(c.breakdown())
        .containsOnlyKeys(TokenClass.values())
        .containsEntry(TokenClass.INPUT, new BigDecimal("0.000001"))
        .containsEntry(TokenClass.CACHED_INPUT, new BigDecimal("0.00002"))
        .containsEntry(TokenClass.OUTPUT, new BigDecimal("0.0003"))
        .containsEntry(TokenClass.AUDIO_INPUT, new BigDecimal("0.004"))
        .containsEntry(TokenClass.CACHED_AUDIO_INPUT, new BigDecimal("0.05"))
        .containsEntry(TokenClass.AUDIO_OUTPUT, new BigDecimal("0.6"))
        .containsEntry(TokenClass.IMAGE_INPUT, new BigDecimal("7"))
        .containsEntry(TokenClass.CACHED_IMAGE_INPUT, new BigDecimal("8E+1"))
        .containsEntry(TokenClass.IMAGE_OUTPUT, new BigDecimal("9E+2"));
  }

  @Test
  void aClassWithoutAPriceMakesTheCostPartialNeverText() {
    // textonly prices text only: 1 uncached, 2 cached input and 3 output tokens are known
    // (1 x 2 + 2 x 1 + 3 x 8 = 28 micro-dollars); the audio and image tokens are left out
    Cost c = cost("textonly", ONE_TO_NINE);
    assertThat(c.status()).isEqualTo(CostStatus.PARTIALLY_PRICED);
    assertThat(c.usd()).isEqualByComparingTo("0.000028");
    assertThat(c.breakdown())
        .containsOnlyKeys(TokenClass.INPUT, TokenClass.CACHED_INPUT, TokenClass.OUTPUT);
    // the same counts without modalities would be priced in full, as text
    TokenUsage asText = ONE_TO_NINE.toBuilder().audioInputTokens(null).build();
    assertThat(cost("textonly", asText).usd()).isGreaterThan(c.usd());
  }

  @Test
  void onlyAudioTokensWithoutAnAudioPriceCostNothingKnown() {
    TokenUsage audio =
        TokenUsage.builder().inputTokens(500L).audioInputTokens(500L).outputTokens(0L).build();
    Cost c = cost("textonly", audio);
    assertThat(c.status()).isEqualTo(CostStatus.PARTIALLY_PRICED);
    assertThat(c.usd()).isEqualByComparingTo("0");
    assertThat(c.breakdown()).isEmpty();
  }

  @Test
  void longContextRatesApplyToTheWholeCallOnlyAboveTheThreshold() {
    // long: 1 / 0.5 / 4 per 1M; above 1,000 input tokens 2 / 1 / 6 for every token of the call
    TokenUsage atThreshold = text(1000, 200, 100);
    TokenUsage above = text(1001, 200, 100);
    Cost at = cost("long", atThreshold);
    Cost over = cost("long", above);
    // 800 x 1 + 200 x 0.5 + 100 x 4 = 1300 micro-dollars
    assertThat(at.usd()).isEqualByComparingTo("0.0013");
    assertThat(at.priceRef()).doesNotContain("long context");
    // 801 x 2 + 200 x 1 + 100 x 6 = 2402 micro-dollars
    assertThat(over.usd()).isEqualByComparingTo("0.002402");
    assertThat(over.priceRef()).contains("long context above 1000");
    assertThat(over.status()).isEqualTo(CostStatus.PRICED);
  }

  @Test
  void aServiceTierIsPricedOnlyByAnEntryOfThatTier() {
    TokenUsage u = text(1000, 0, 100);
    ModelId mm = ModelId.parse("mm");
    // default tier: 1000 x 1 + 100 x 100 = 11,000 micro-dollars
    for (String standard : new String[] {null, "default", "auto", " Default "}) {
      assertThat(calc.cost(mm, DeploymentType.GLOBAL, JULY, u, standard).usd())
          .as(standard)
          .isEqualByComparingTo("0.011");
    }
    // priority entry: 1000 x 2 + 100 x 200 = 22,000 micro-dollars
    Cost priority = calc.cost(mm, DeploymentType.GLOBAL, JULY, u, "PRIORITY");
    assertThat(priority.usd()).isEqualByComparingTo("0.022");
    assertThat(priority.priceRef()).startsWith("mm/global/priority@");
    // derived deployment types keep the tier: data zone priority = global priority x 1.10
    assertThat(calc.cost(mm, DeploymentType.DATA_ZONE, JULY, u, "priority").usd())
        .isEqualByComparingTo("0.0242");
    // a tier the catalog has no entry for is not priced at the standard rate
    assertThat(calc.cost(mm, DeploymentType.GLOBAL, JULY, u, "flex").status())
        .isEqualTo(CostStatus.UNPRICED_MODEL);
    assertThat(calc.cost(ModelId.parse("textonly"), DeploymentType.GLOBAL, JULY, u, "priority"))
        .extracting(Cost::status, Cost::usd, Cost::breakdown)
        .containsExactly(CostStatus.UNPRICED_MODEL, null, null);
  }

  @Test
  void theBreakdownSumsToTheCostExactlyForAnyCounts() {
    Random random = new Random(12);
    PriceCatalog builtIn = PriceCatalog.builtIn();
    CostCalculator shipped = new CostCalculator(builtIn);
    String[] models = {"mm", "textonly", "long", "gpt-4o", "gpt-4o-realtime-preview-2024-12-17"};
    for (int i = 0; i < 3000; i++) {
      TokenUsage u = randomUsage(random);
      String model = models[random.nextInt(models.length)];
      CostCalculator c = model.startsWith("gpt") ? shipped : calc;
      Cost cost = c.cost(ModelId.parse(model), DeploymentType.GLOBAL, JULY, u);
      String why = model + " " + u;
      assertThat(cost.usd()).as(why).isNotNull();
      BigDecimal sum = cost.breakdown().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(sum).as(why).isEqualByComparingTo(cost.usd());
      Map<TokenClass, Long> counts = TokenClass.split(u);
      assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
          .as(why)
          .isEqualTo(u.inputOrZero() + u.outputOrZero());
      assertThat(counts.keySet()).as(why).containsAll(cost.breakdown().keySet());
      boolean partial = !cost.breakdown().keySet().containsAll(counts.keySet());
      assertThat(cost.status())
          .as(why)
          .isEqualTo(partial ? CostStatus.PARTIALLY_PRICED : CostStatus.PRICED);
    }
  }

  @Test
  void theShippedRealtimeEntryPricesAudioAtTheAudioRate() {
    // the OpenAI voice-cost worked example on gpt-4o-realtime-preview: 55 text, 64 cached text,
    // 13 audio in; 30 text and 91 audio out
    TokenUsage u =
        TokenUsage.builder()
            .inputTokens(132L)
            .cachedInputTokens(64L)
            .audioInputTokens(13L)
            .cachedAudioInputTokens(0L)
            .outputTokens(121L)
            .audioOutputTokens(91L)
            .build();
    Cost c =
        new CostCalculator(PriceCatalog.builtIn())
            .cost(
                ModelId.parse("gpt-4o-realtime-preview-2024-12-17"),
                DeploymentType.GLOBAL,
                JULY,
                u);
    // 55 x 5 + 64 x 2.5 + 13 x 40 + 30 x 20 + 91 x 80 = 275 + 160 + 520 + 600 + 7280 = 8835
    assertThat(c.status()).isEqualTo(CostStatus.PRICED);
    assertThat(c.usd()).isEqualByComparingTo("0.008835");
  }

  static TokenUsage text(long in, long cached, long out) {
    return TokenUsage.builder().inputTokens(in).cachedInputTokens(cached).outputTokens(out).build();
  }

  /** Counts as Azure could report them (parts within wholes), some absent, some zero. */
  static TokenUsage randomUsage(Random r) {
    long audioIn = maybe(r, 5000);
    long imageIn = maybe(r, 5000);
    long textIn = maybe(r, 110_000); // within gpt-4o's 128k window
    long in = audioIn + imageIn + textIn;
    long cachedAudio = audioIn == 0 ? 0 : r.nextInt((int) audioIn + 1);
    long cachedImage = imageIn == 0 ? 0 : r.nextInt((int) imageIn + 1);
    long cachedText = textIn == 0 ? 0 : (long) (r.nextDouble() * textIn);
    long audioOut = maybe(r, 4000);
    long imageOut = maybe(r, 5000);
    long out = audioOut + imageOut + maybe(r, 7000); // and its 16k output limit
    return TokenUsage.builder()
        .inputTokens(in)
        .cachedInputTokens(r.nextBoolean() ? cachedAudio + cachedImage + cachedText : null)
        .audioInputTokens(r.nextBoolean() ? audioIn : null)
        .cachedAudioInputTokens(r.nextBoolean() ? cachedAudio : null)
        .imageInputTokens(r.nextBoolean() ? imageIn : null)
        .cachedImageInputTokens(r.nextBoolean() ? cachedImage : null)
        .outputTokens(out)
        .audioOutputTokens(r.nextBoolean() ? audioOut : null)
        .imageOutputTokens(r.nextBoolean() ? imageOut : null)
        .build();
  }

  private static long maybe(Random r, int max) {
    return r.nextInt(3) == 0 ? 0 : r.nextInt(max);
  }
}
