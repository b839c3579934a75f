package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.testing.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomesTest {
  static final JsonNode QUOTA =
      Resources.parse(
          "{\"elapsed\":3,\"source\":\"llm-token-limit\",\"scope\":\"api\",\"section\":\"inbound\","
              + "\"reason\":\"QuotaExceeded\",\"message\":\"Token quota is exceeded. Try again in 3 hours.\"}");
  static final JsonNode TIMEOUT =
      Resources.parse(
          "{\"elapsed\":120000,\"source\":\"forward-request\",\"scope\":\"backend\",\"section\":\"backend\","
              + "\"reason\":\"Timeout\",\"message\":\"Request to the backend service timed out\"}");
  static final JsonNode CLIENT_GONE =
      Resources.parse(
          "{\"source\":\"transfer-response\",\"section\":\"outbound\","
              + "\"reason\":\"ClientConnectionFailure\",\"message\":\"A task was canceled.\"}");
  static final JsonNode BACKEND_DOWN =
      Resources.parse(
          "{\"source\":\"forward-request\",\"reason\":\"BackendConnectionFailure\","
              + "\"message\":\"The remote name could not be resolved\"}");

  static ErrorType classify(Integer status) {
    return Outcomes.classify(status, null, List.of(), null);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "200, -",
        "201, -",
        "304, -",
        "429, RATE_LIMITED",
        "408, TIMEOUT",
        "504, TIMEOUT",
        "500, SERVER_ERROR",
        "502, SERVER_ERROR",
        "503, SERVER_ERROR",
        "400, CLIENT_ERROR",
        "401, CLIENT_ERROR",
        "403, CLIENT_ERROR",
        "404, CLIENT_ERROR",
        "413, CLIENT_ERROR"
      })
  void byStatus(int status, ErrorType expected) {
    assertThat(classify(status)).isEqualTo(expected);
  }

  @Test
  void quotaPolicyAnswering403IsRateLimiting() {
    assertThat(Outcomes.classify(403, null, List.of(), QUOTA)).isEqualTo(ErrorType.RATE_LIMITED);
    // a 403 for anything else stays a client error
    assertThat(Outcomes.classify(403, null, List.of(), CLIENT_GONE))
        .isEqualTo(ErrorType.CLIENT_ERROR);
  }

  @Test
  void contentFilterWinsOverTheStatus() {
    assertThat(Outcomes.classify(400, "content_filter", List.of(), null))
        .isEqualTo(ErrorType.CONTENT_FILTER);
    // a completion stopped by the filter is a 200 with finish_reason content_filter
    assertThat(Outcomes.classify(200, null, List.of("content_filter"), null))
        .isEqualTo(ErrorType.CONTENT_FILTER);
    assertThat(Outcomes.classify(400, "context_length_exceeded", List.of(), null))
        .isEqualTo(ErrorType.CLIENT_ERROR);
  }

  @Test
  void lastErrorDecidesWhenThereIsNoStatus() {
    assertThat(Outcomes.classify(null, null, List.of(), TIMEOUT)).isEqualTo(ErrorType.TIMEOUT);
    assertThat(Outcomes.classify(null, null, List.of(), CLIENT_GONE))
        .isEqualTo(ErrorType.CLIENT_ERROR);
    assertThat(Outcomes.classify(null, null, List.of(), BACKEND_DOWN))
        .isEqualTo(ErrorType.SERVER_ERROR);
    assertThat(Outcomes.classify(null, null, List.of(), null)).isNull();
    // a 500 whose cause was a backend timeout is a timeout
    assertThat(Outcomes.classify(500, null, List.of(), TIMEOUT)).isEqualTo(ErrorType.TIMEOUT);
  }
}
