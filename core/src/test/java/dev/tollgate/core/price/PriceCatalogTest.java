package dev.tollgate.core.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriceCatalogTest {
  static final PriceCatalog BUILT_IN = PriceCatalog.builtIn();
  static final LocalDate DAY = LocalDate.of(2025, 7, 1);

  @TempDir Path dir;

  static Price price(String model, DeploymentType type, LocalDate date) {
    return BUILT_IN.lookup(ModelId.parse(model), type, date).orElseThrow();
  }

  @Test
  void o3IsPricedAtThePriceOfItsDay() {
    Price before = price("o3", DeploymentType.GLOBAL, LocalDate.of(2025, 6, 9));
    assertThat(before.input()).isEqualByComparingTo("10.00");
    assertThat(before.cachedInput()).isEqualByComparingTo("2.50");
    assertThat(before.output()).isEqualByComparingTo("40.00");
    assertThat(before.effectiveFrom()).isEqualTo(LocalDate.of(2025, 4, 16));

    Price onTheDay = price("o3-2025-04-16", DeploymentType.GLOBAL, LocalDate.of(2025, 6, 10));
    assertThat(onTheDay.input()).isEqualByComparingTo("2.00");
    assertThat(onTheDay.cachedInput()).isEqualByComparingTo("0.50");
    assertThat(onTheDay.output()).isEqualByComparingTo("8.00");
    assertThat(onTheDay.ref()).startsWith("o3/global@2025-06-10");

    // before the model had any price: unpriced, not the first price
    assertThat(
            BUILT_IN.lookup(ModelId.parse("o3"), DeploymentType.GLOBAL, LocalDate.of(2025, 4, 15)))
        .isEmpty();
  }

  @Test
  void versionSpecificEntryWinsOverTheVersionlessOne() {
    Price may = price("gpt-4o-2024-05-13", DeploymentType.GLOBAL, DAY);
    assertThat(may.version()).isEqualTo("2024-05-13");
    assertThat(may.input()).isEqualByComparingTo("5.00");
    assertThat(may.cachedInput()).isNull();
    assertThat(may.output()).isEqualByComparingTo("15.00");

    Price august = price("gpt-4o-2024-08-06", DeploymentType.GLOBAL, DAY);
    assertThat(august.version()).isNull();
    assertThat(august.input()).isEqualByComparingTo("2.50");
    assertThat(price("gpt-4o", DeploymentType.GLOBAL, DAY)).isEqualTo(august);
  }

  @Test
  void deploymentTypesWithoutTheirOwnEntryAreDerivedFromGlobal() {
    Price dataZone = price("gpt-4o", DeploymentType.DATA_ZONE, DAY);
    assertThat(dataZone.deploymentType()).isEqualTo(DeploymentType.DATA_ZONE);
    assertThat(dataZone.input()).isEqualByComparingTo("2.75");
    assertThat(dataZone.cachedInput()).isEqualByComparingTo("1.375");
    assertThat(dataZone.output()).isEqualByComparingTo("11.00");
    assertThat(dataZone.ref()).contains("x1.1 for data_zone");

    Price batch = price("gpt-4o-mini", DeploymentType.BATCH, DAY);
    assertThat(batch.input()).isEqualByComparingTo("0.075");
    assertThat(batch.cachedInput()).isEqualByComparingTo("0.0375");
    assertThat(batch.output()).isEqualByComparingTo("0.30");

    // an explicit regional entry is used as is, not derived
    Price regional = price("gpt-35-turbo", DeploymentType.REGIONAL, DAY);
    assertThat(regional.input()).isEqualByComparingTo("0.50");
    assertThat(regional.origin()).doesNotContain(" x");

    // provisioned is never priced per token
    assertThat(BUILT_IN.lookup(ModelId.parse("gpt-4o"), DeploymentType.PROVISIONED, DAY)).isEmpty();
  }

  @Test
  void aliasesPointAtTheirModel() {
    assertThat(price("gpt-3.5-turbo", DeploymentType.GLOBAL, DAY).model())
        .isEqualTo("gpt-35-turbo");
    assertThat(price("gpt-35-turbo-16k", DeploymentType.GLOBAL, DAY).model())
        .isEqualTo("gpt-35-turbo");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pirate-ft", "gpt-35-turbo-instruct", "llama-3-70b", "gpt-4o-eu"})
  void unknownModelHasNoPrice(String model) {
    assertThat(BUILT_IN.lookup(ModelId.parse(model), DeploymentType.GLOBAL, DAY)).isEmpty();
  }

  @Test
  void missingArgumentsGiveNoPrice() {
    assertThat(BUILT_IN.lookup(null, DeploymentType.GLOBAL, DAY)).isEmpty();
    assertThat(BUILT_IN.lookup(ModelId.parse("gpt-4o"), null, DAY)).isEmpty();
    assertThat(BUILT_IN.lookup(ModelId.parse("gpt-4o"), DeploymentType.GLOBAL, null)).isEmpty();
  }

  Path write(String name, String json) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, json, StandardCharsets.UTF_8);
    return f;
  }

  static final String NEGOTIATED =
      """
      {
        "catalogVersion": "contoso-2025-07",
        "entries": [
          {"model": "gpt-4o", "deploymentType": "global", "effectiveFrom": "2024-08-06",
           "input": "2.00", "cachedInput": "1.00", "output": "8.00", "source": "Contoso EA"},
          {"model": "pirate-ft", "deploymentType": "global", "effectiveFrom": "2025-01-01",
           "input": "3.00", "output": "12.00", "source": "Contoso fine-tune"}
        ]
      }
      """;

  @Test
  void overrideEntryWinsAndTheRestOfTheCatalogStays() throws IOException {
    PriceCatalog c = PriceCatalog.withOverride(write("negotiated.json", NEGOTIATED));

    Price gpt4o = c.lookup(ModelId.parse("gpt-4o"), DeploymentType.GLOBAL, DAY).orElseThrow();
    assertThat(gpt4o.input()).isEqualByComparingTo("2.00");
    assertThat(gpt4o.origin()).isEqualTo("Contoso EA");
    assertThat(c.lookup(ModelId.parse("pirate-ft"), DeploymentType.GLOBAL, DAY)).isPresent();
    // untouched shipped entries and factors remain
    assertThat(c.lookup(ModelId.parse("o3"), DeploymentType.GLOBAL, DAY)).isPresent();
    assertThat(
            c.lookup(ModelId.parse("gpt-4o"), DeploymentType.DATA_ZONE, DAY).orElseThrow().input())
        .isEqualByComparingTo("2.20");
    assertThat(c.version()).isEqualTo(BUILT_IN.version() + "+contoso-2025-07");
  }

  @Test
  void replaceTrueDropsTheShippedCatalog() throws IOException {
    PriceCatalog c =
        PriceCatalog.withOverride(
            write("only.json", NEGOTIATED.replaceFirst("\\{", "{\"replace\": true,")));

    assertThat(c.lookup(ModelId.parse("gpt-4o"), DeploymentType.GLOBAL, DAY)).isPresent();
    assertThat(c.lookup(ModelId.parse("o3"), DeploymentType.GLOBAL, DAY)).isEmpty();
    // no factors either: a data-zone price cannot be derived
    assertThat(c.lookup(ModelId.parse("gpt-4o"), DeploymentType.DATA_ZONE, DAY)).isEmpty();
    assertThat(c.version()).isEqualTo("contoso-2025-07");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{ not json",
        "[]",
        "{\"entries\": {}}",
        "{\"entries\": [{\"deploymentType\": \"global\", \"effectiveFrom\": \"2025-01-01\", \"input\": 1}]}",
        "{\"entries\": [{\"model\": \"m\", \"deploymentType\": \"global\", \"effectiveFrom\": \"July\", \"input\": 1}]}",
        "{\"entries\": [{\"model\": \"m\", \"deploymentType\": \"standardish\", \"effectiveFrom\": \"2025-01-01\", \"input\": 1}]}",
        "{\"entries\": [{\"model\": \"m\", \"effectiveFrom\": \"2025-01-01\", \"input\": 1}]}",
        "{\"entries\": [{\"model\": \"m\", \"deploymentType\": \"global\", \"effectiveFrom\": \"2025-01-01\"}]}",
        "{\"entries\": [{\"model\": \"m\", \"deploymentType\": \"global\", \"effectiveFrom\": \"2025-01-01\", \"input\": \"-1\"}]}",
        "{\"entries\": [{\"model\": \"m\", \"deploymentType\": \"global\", \"effectiveFrom\": \"2025-01-01\", \"input\": \"cheap\"}]}",
        "{\"deploymentTypeFactors\": {\"data_zone\": \"lots\"}, \"entries\": []}"
      })
  void invalidOverrideFileNamesTheFile(String json) throws IOException {
    Path f = write("prices-override.json", json);
    assertThatThrownBy(() -> PriceCatalog.withOverride(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prices-override.json");
  }

  @Test
  void missingOverrideFileNamesTheFile() {
    Path f = dir.resolve("nowhere.json");
    assertThatThrownBy(() -> PriceCatalog.withOverride(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere.json");
  }

  @Test
  void shippedCatalogIsConsistent() {
    // every model the notes list prices for is in the catalog at the listed Global price
    String[][] listed = {
      {"gpt-4o", "2.50", "1.25", "10.00"},
      {"gpt-4o-mini", "0.15", "0.075", "0.60"},
      {"gpt-4.1", "2.00", "0.50", "8.00"},
      {"gpt-4.1-mini", "0.40", "0.10", "1.60"},
      {"gpt-4.1-nano", "0.10", "0.025", "0.40"},
      {"o3", "2.00", "0.50", "8.00"},
      {"o4-mini", "1.10", "0.275", "4.40"},
      {"o1", "15.00", "7.50", "60.00"},
    };
    LocalDate today = LocalDate.of(2026, 1, 1);
    for (String[] l : listed) {
      Optional<Price> p = BUILT_IN.lookup(ModelId.parse(l[0]), DeploymentType.GLOBAL, today);
      assertThat(p).as(l[0]).isPresent();
      assertThat(p.get().input()).as(l[0]).isEqualByComparingTo(l[1]);
      assertThat(p.get().cachedInput()).as(l[0]).isEqualByComparingTo(l[2]);
      assertThat(p.get().output()).as(l[0]).isEqualByComparingTo(l[3]);
    }
    assertThat(price("text-embedding-3-small", DeploymentType.GLOBAL, today).input())
        .isEqualByComparingTo("0.02");
    assertThat(price("text-embedding-3-large", DeploymentType.GLOBAL, today).input())
        .isEqualByComparingTo("0.13");
    assertThat(price("text-embedding-ada-002", DeploymentType.GLOBAL, today).input())
        .isEqualByComparingTo("0.10");
  }

  @Test
  void everyPricedModelHasLimits() {
    // a priced model without limits would fall back to the 10M ceiling and let 50M-token claims
    // through unchecked on a 128k model
    for (String m :
        List.of(
            "gpt-4o",
            "gpt-4o-mini",
            "gpt-4.1",
            "gpt-4.1-mini",
            "gpt-4.1-nano",
            "o1",
            "o3-mini",
            "o3",
            "o4-mini",
            "gpt-5",
            "gpt-5-mini",
            "gpt-35-turbo",
            "gpt-4",
            "gpt-4-turbo",
            "text-embedding-3-small",
            "text-embedding-3-large",
            "text-embedding-ada-002")) {
      assertThat(BUILT_IN.limits(ModelId.parse(m)).known()).as(m).isTrue();
      assertThat(
              BUILT_IN
                  .lookup(ModelId.parse(m), DeploymentType.REGIONAL, LocalDate.of(2026, 1, 1))
                  .isPresent())
          .as(m)
          .isTrue();
    }
    ModelLimits gpt4o = BUILT_IN.limits(ModelId.parse("gpt-4o-2024-11-20"));
    assertThat(gpt4o.contextWindow()).isEqualTo(128_000);
    assertThat(gpt4o.maxOutputTokens()).isEqualTo(16_384);
    assertThat(BUILT_IN.limits(ModelId.parse("gpt-4.1-mini")).contextWindow()).isEqualTo(1_047_576);
    // aliases name the same family
    assertThat(BUILT_IN.limits(ModelId.parse("gpt-3.5-turbo")).contextWindow()).isEqualTo(16_385);
    // a model the catalog does not list gets the fixed ceiling
    ModelLimits unknown = BUILT_IN.limits(ModelId.parse("pirate-ft"));
    assertThat(unknown.known()).isFalse();
    assertThat(unknown.contextWindow()).isEqualTo(ModelLimits.CEILING);
    assertThat(unknown.maxOutputTokens()).isEqualTo(ModelLimits.CEILING);
  }

  @Test
  void anOverrideFileSetsLimits() throws IOException {
    Path f = dir.resolve("limits.json");
    Files.writeString(
        f,
        "{\"entries\":[],\"limits\":{\"gpt-4o\":{\"contextWindow\":1000,\"maxOutputTokens\":50},"
            + "\"pirate-ft\":{\"contextWindow\":32768}}}",
        StandardCharsets.UTF_8);
    PriceCatalog c = PriceCatalog.withOverride(f);
    assertThat(c.limits(ModelId.parse("gpt-4o")).contextWindow()).isEqualTo(1000);
    assertThat(c.limits(ModelId.parse("gpt-4o")).maxOutputTokens()).isEqualTo(50);
    // a figure left out is the ceiling; models the file does not name keep the shipped limits
    assertThat(c.limits(ModelId.parse("pirate-ft")).known()).isTrue();
    assertThat(c.limits(ModelId.parse("pirate-ft")).contextWindow()).isEqualTo(32_768);
    assertThat(c.limits(ModelId.parse("pirate-ft")).maxOutputTokens())
        .isEqualTo(ModelLimits.CEILING);
    assertThat(c.limits(ModelId.parse("o3")).contextWindow()).isEqualTo(200_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "12.5", "\"128000\"", "[1]"})
  void aLimitMustBeAPositiveWholeNumber(String value) throws IOException {
    Path f = dir.resolve("bad-limits.json");
    Files.writeString(
        f,
        "{\"entries\":[],\"limits\":{\"gpt-4o\":{\"contextWindow\":" + value + "}}}",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PriceCatalog.withOverride(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limits.gpt-4o")
        .hasMessageContaining("contextWindow");
  }
}
