package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenEstimatorTest {
  static final TokenEstimator ESTIMATOR = new TokenEstimator();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "gpt-35-turbo, CL100K_BASE",
        "gpt-3.5-turbo-0125, CL100K_BASE",
        "gpt-4, CL100K_BASE",
        "gpt-4-32k-0613, CL100K_BASE",
        "gpt-4-turbo-2024-04-09, CL100K_BASE",
        "text-embedding-3-small, CL100K_BASE",
        "text-embedding-ada-002, CL100K_BASE",
        "gpt-4o, O200K_BASE",
        "gpt-4o-mini-2024-07-18, O200K_BASE",
        "gpt-4.1-nano, O200K_BASE",
        "o3-mini-2025-01-31, O200K_BASE",
        "gpt-5, O200K_BASE",
        "-, O200K_BASE"
      })
  void encodingOfTheModelFamily(String model, EncodingType expected) {
    assertThat(TokenEstimator.encodingFor(model)).isEqualTo(expected);
  }

  @Test
  void countsWithTheRealTokenizer() {
    // from the REST example: 10 and 12 cl100k_base tokens
    assertThat(
            ESTIMATOR.count(
                "you are a helpful assistant that talks like a pirate", EncodingType.CL100K_BASE))
        .isEqualTo(10);
    assertThat(
            ESTIMATOR.count("can you tell me how to care for a parrot?", EncodingType.CL100K_BASE))
        .isEqualTo(12);
    assertThat(ESTIMATOR.count("Kindness", EncodingType.O200K_BASE)).isEqualTo(2);
    assertThat(ESTIMATOR.count("", EncodingType.O200K_BASE)).isZero();
    assertThat(ESTIMATOR.count(null, EncodingType.O200K_BASE)).isZero();
  }

  @Test
  void unpairedSurrogatesAreReplacedNotFatal() {
    assertThat(TokenEstimator.wellFormed("ok \uD83D\uDE00 ok")).isEqualTo("ok \uD83D\uDE00 ok");
    assertThat(TokenEstimator.wellFormed("cut \uD83D")).isEqualTo("cut \uFFFD");
    assertThat(TokenEstimator.wellFormed("\uDE00x\uD83D\uD83D\uDE00"))
        .isEqualTo("\uFFFDx\uFFFD\uD83D\uDE00");
    String plain = "nothing to do";
    assertThat(TokenEstimator.wellFormed(plain)).isSameAs(plain);
    assertThat(ESTIMATOR.count("Kindness \uD83D", EncodingType.O200K_BASE))
        .isEqualTo(ESTIMATOR.count("Kindness \uFFFD", EncodingType.O200K_BASE));
  }
}
