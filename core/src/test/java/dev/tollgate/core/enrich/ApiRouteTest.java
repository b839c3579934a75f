package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRouteTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          https://contoso-aoai.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21 | gpt-4o | 2024-10-21 | chat_completions | chat
          /openai/deployments/gpt-35-turbo-instruct/completions?api-version=2024-10-21 | gpt-35-turbo-instruct | 2024-10-21 | completions | text_completion
          /openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21 | text-embedding-3-small | 2024-10-21 | embeddings | embeddings
          /openai/deployments/dall-e-3/images/generations?api-version=2024-10-21 | dall-e-3 | 2024-10-21 | images | image_generation
          /openai/deployments/whisper/audio/transcriptions?api-version=2024-06-01 | whisper | 2024-06-01 | audio | audio_transcription
          /openai/deployments/whisper/audio/translations?api-version=2024-06-01 | whisper | 2024-06-01 | audio | audio_translation
          /openai/deployments/tts-hd/audio/speech?api-version=2025-03-01-preview | tts-hd | 2025-03-01-preview | audio | audio_speech
          /openai/deployments/gpt-4o/extensions/chat/completions?api-version=2023-12-01-preview | gpt-4o | 2023-12-01-preview | chat_completions | chat
          /openai/v1/chat/completions | - | v1 | chat_completions | chat
          /openai/v1/chat/completions?api-version=preview | - | preview | chat_completions | chat
          /openai/v1/embeddings | - | v1 | embeddings | embeddings
          /openai/v1/responses | - | v1 | responses | chat
          /openai/responses?api-version=2025-03-01-preview | - | 2025-03-01-preview | responses | chat
          https://contoso-gw.azure-api.net/ai/prod/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21 | gpt-4o | 2024-10-21 | chat_completions | chat
          /openai/deployments/gpt-4o/chat/completions/?API-VERSION=2024-10-21 | gpt-4o | 2024-10-21 | chat_completions | chat
          /openai/deployments/gpt-4o/chat/completions?foo=1&api-version=2024-10-21#frag | gpt-4o | 2024-10-21 | chat_completions | chat
          /openai/deployments/my%20deployment/chat/completions?api-version=2024-10-21 | my deployment | 2024-10-21 | chat_completions | chat
          /openai/deployments/gpt-4o/chat/completions | gpt-4o | - | chat_completions | chat
          /OpenAI/Deployments/GPT-4o/Chat/Completions?api-version=2024-10-21 | GPT-4o | 2024-10-21 | chat_completions | chat
          """)
  void parsesInferenceRoutes(
      String url, String deployment, String apiVersion, String api, String operation) {
    assertThat(ApiRoute.parse(url)).isEqualTo(new ApiRoute(deployment, apiVersion, api, operation));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "https://conferenceapi.azurewebsites.net/speakers",
        "https://contoso-gw.azure-api.net/aoai/deployments/gpt-4o/chat/completions",
        "/openai/deployments/",
        "/openai/deployments/gpt-4o",
        "/openai/deployments//chat/completions",
        "/openai/models?api-version=2024-10-21",
        "/openai/deployments/gpt-4o/files",
        "/openai/v1/files",
        "/openai/v1/models",
        "",
        "openai"
      })
  void otherPathsAreNotInferenceRoutes(String url) {
    assertThat(ApiRoute.parse(url)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // retrieving, cancelling or listing the items of a stored response is not a model call,
        // but GET /responses/{id} answers with the original usage: counting it would bill twice
        "/openai/v1/responses/resp_6863a20e4b788190a2f1c0d9e8b7a6c5",
        "/openai/v1/responses/resp_6863a20e4b788190a2f1c0d9e8b7a6c5/input_items",
        "/openai/v1/responses/resp_6863a20e4b788190a2f1c0d9e8b7a6c5/cancel",
        "/openai/responses/resp_6863a20e4b788190a2f1c0d9e8b7a6c5?api-version=2025-03-01-preview",
        "/openai/v1/responses/input_tokens",
        "/openai/v1/chat/completions/chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn"
      })
  void storedObjectRetrievalIsNotAModelCall(String url) {
    assertThat(ApiRoute.parse(url)).isNull();
  }

  @Test
  void anApimPathPrefixBeforeOpenaiIsIgnored() {
    ApiRoute direct = ApiRoute.parse("/openai/deployments/o3/chat/completions?api-version=x");
    ApiRoute prefixed =
        ApiRoute.parse(
            "https://gw.azure-api.net/team/a/openai/deployments/o3/chat/completions?api-version=x");
    assertThat(prefixed).isEqualTo(direct);
    assertThat(prefixed.deployment()).isEqualTo("o3");
  }
}
