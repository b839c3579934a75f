package dev.tollgate.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordKindTest {
  static final String ACCOUNT =
      "/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.COGNITIVESERVICES/ACCOUNTS/AOAI";
  static final String APIM =
      "/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/APIM";

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          GatewayLogs,             APIM,    GATEWAY
          GatewayLlmLogs,          APIM,    GATEWAY_LLM_LOG
          -,                       APIM,    GATEWAY
          -,                       -,       GATEWAY
          GatewayLogs,             -,       GATEWAY
          RequestResponse,         ACCOUNT, OPENAI_RESOURCE_LOG
          Audit,                   ACCOUNT, OPENAI_RESOURCE_LOG
          Trace,                   ACCOUNT, OPENAI_RESOURCE_LOG
          AzureOpenAIRequestUsage, ACCOUNT, OPENAI_RESOURCE_LOG
          ManagedNetworkEvents,    ACCOUNT, OPENAI_RESOURCE_LOG
          SomethingNew,            ACCOUNT, OPENAI_RESOURCE_LOG
          -,                       ACCOUNT, OPENAI_RESOURCE_LOG
          requestresponse,         -,       OPENAI_RESOURCE_LOG
          AUDIT,                   -,       OPENAI_RESOURCE_LOG
          RequestResponse,         APIM,    GATEWAY
          """)
  void providerFirstThenCategory(String category, String resource, RecordKind expected) {
    String id =
        resource == null
            ? null
            : resource.equals("ACCOUNT") ? ACCOUNT : resource.equals("APIM") ? APIM : resource;
    assertThat(RecordKind.of(category, id)).isEqualTo(expected);
    if (id != null) {
      assertThat(RecordKind.of(category, id.toLowerCase(java.util.Locale.ROOT)))
          .as("resource ids are case-insensitive")
          .isEqualTo(expected);
    }
  }
}
