package dev.tollgate.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.model.TokenClass;
import dev.tollgate.core.testing.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog fields for audio, image, long-context and service-tier prices (Contract B). */
class TokenClassCatalogTest {
  static final LocalDate DAY = LocalDate.of(2025, 7, 1);
  @TempDir Path dir;

  PriceCatalog load(String json) throws IOException {
    Path f = dir.resolve("override.json");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    return PriceCatalog.withOverride(f);
  }

  @Test
  void everyClassFieldIsRead() throws IOException {
    PriceCatalog c = load(Resources.text("catalog/token-classes.json"));
    Price mm = c.lookup(ModelId.parse("mm"), DeploymentType.GLOBAL, DAY).orElseThrow();
    assertThat(mm.rates()).containsOnlyKeys(TokenClass.values());
    int power = 0;
    for (TokenClass k : TokenClass.values()) {
      assertThat(mm.rates().get(k)).as(k.catalogName()).isEqualByComparingTo("1E" + power++);
    }
    assertThat(mm.serviceTier()).isNull();
    assertThat(mm.longContext()).isNull();

    Price text = c.lookup(ModelId.parse("textonly"), DeploymentType.GLOBAL, DAY).orElseThrow();
    // absent fields are no price, not zero and not the text price
    assertThat(text.rates())
        .containsOnlyKeys(TokenClass.INPUT, TokenClass.CACHED_INPUT, TokenClass.OUTPUT);

    Price lc = c.lookup(ModelId.parse("long"), DeploymentType.GLOBAL, DAY).orElseThrow();
    assertThat(lc.longContext().aboveInputTokens()).isEqualTo(1000);
    assertThat(lc.longContext().rates().get(TokenClass.OUTPUT)).isEqualByComparingTo("6");
    // a derived deployment type scales the long-context rates too
    Price dz = c.lookup(ModelId.parse("long"), DeploymentType.DATA_ZONE, DAY).orElseThrow();
    assertThat(dz.longContext().rates().get(TokenClass.INPUT)).isEqualByComparingTo("2.2");
  }

  @Test
  void aTierEntryIsKeptBesideTheDefaultOneAndMatchedCaseBlind() throws IOException {
    PriceCatalog c = load(Resources.text("catalog/token-classes.json"));
    ModelId mm = ModelId.parse("mm");
    Price priority = c.lookup(mm, DeploymentType.GLOBAL, DAY, "priority").orElseThrow();
    assertThat(priority.serviceTier()).isEqualTo("priority");
    assertThat(priority.input()).isEqualByComparingTo("2");
    assertThat(c.lookup(mm, DeploymentType.GLOBAL, DAY).orElseThrow().input())
        .isEqualByComparingTo("1");
    assertThat(c.lookup(mm, DeploymentType.GLOBAL, DAY, "scale")).isEmpty();
  }

  @Test
  void theShippedCatalogPricesRealtimeAudio() {
    Price p =
        PriceCatalog.builtIn()
            .lookup(
                ModelId.parse("gpt-4o-mini-realtime-preview-2024-12-17"),
                DeploymentType.GLOBAL,
                DAY)
            .orElseThrow();
    assertThat(p.rates().get(TokenClass.AUDIO_INPUT)).isEqualByComparingTo("10");
    assertThat(p.rates().get(TokenClass.CACHED_AUDIO_INPUT)).isEqualByComparingTo("0.30");
    assertThat(p.rates().get(TokenClass.AUDIO_OUTPUT)).isEqualByComparingTo("20");
    assertThat(p.rates()).doesNotContainKey(TokenClass.IMAGE_INPUT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"audioInput\": \"-40\"                                  | 'audioInput' must not be negative",
        "\"imageOutput\": \"pricey\"                              | 'imageOutput' is not a number",
        "\"serviceTier\": 7                                       | 'serviceTier' must be a tier name",
        "\"serviceTier\": \" \"                                   | 'serviceTier' must be a tier name",
        "\"longContext\": \"272k\"                                | longContext: must be an object",
        "\"longContext\": {\"input\": \"5\"}                        | 'aboveInputTokens' must be a positive",
        "\"longContext\": {\"aboveInputTokens\": 0, \"input\": \"5\"}  | 'aboveInputTokens' must be a positive",
        "\"longContext\": {\"aboveInputTokens\": 1.5, \"input\": \"5\"} | 'aboveInputTokens' must be a positive",
        "\"longContext\": {\"aboveInputTokens\": 272000}            | longContext: 'input' (USD per 1M tokens) is required",
        "\"longContext\": {\"aboveInputTokens\": 272000, \"input\": \"5\", \"output\": \"x\"} | longContext: 'output' is not a number",
      })
  void aBadFieldIsRejectedNamingTheEntry(String field, String message) {
    String json =
        "{\"entries\": [{\"model\": \"m\", \"deploymentType\": \"global\","
            + " \"effectiveFrom\": \"2025-01-01\", \"input\": \"1\", "
            + field
            + "}]}";
    assertThatThrownBy(() -> load(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("override.json entries[0]")
        .hasMessageContaining(message.strip());
  }
}
