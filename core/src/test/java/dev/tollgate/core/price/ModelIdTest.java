package dev.tollgate.core.price;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelIdTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          gpt-4o-2024-08-06,       gpt-4o,                 2024-08-06
          gpt-4o-2024-05-13,       gpt-4o,                 2024-05-13
          gpt-4o,                  gpt-4o,                 -
          gpt-4o-mini-2024-07-18,  gpt-4o-mini,            2024-07-18
          gpt-4.1-2025-04-14,      gpt-4.1,                2025-04-14
          o3-mini-2025-01-31,      o3-mini,                2025-01-31
          o1-2024-12-17,           o1,                     2024-12-17
          o1,                      o1,                     -
          gpt-35-turbo,            gpt-35-turbo,           -
          gpt-35-turbo-0125,       gpt-35-turbo,           0125
          gpt-35-turbo-16k,        gpt-35-turbo-16k,       -
          gpt-4-0613,              gpt-4,                  0613
          gpt-4-32k-0613,          gpt-4-32k,              0613
          gpt-4-1106-preview,      gpt-4,                  1106-preview
          gpt-4-turbo-2024-04-09,  gpt-4-turbo,            2024-04-09
          text-embedding-3-small,  text-embedding-3-small, -
          text-embedding-ada-002,  text-embedding-ada-002, -
          GPT-4o-Mini,             gpt-4o-mini,            -
          '  gpt-4o-2024-11-20 ',  gpt-4o,                 2024-11-20
          azure_openai/gpt-4o,     gpt-4o,                 -
          """)
  void splitsNameAndVersion(String raw, String name, String version) {
    ModelId id = ModelId.parse(raw);
    assertThat(id).isEqualTo(new ModelId(name, version));
    assertThat(id.toString()).isEqualTo(version == null ? name : name + "-" + version);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void nothingToParse(String raw) {
    assertThat(ModelId.parse(raw)).isNull();
  }
}
