package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceLogNamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          ChatCompletions_Create,   chat_completions, chat
          chatcompletions_create,   chat_completions, chat
          Completions_Create,       completions,      text_completion
          Embeddings_Create,        embeddings,       embeddings
          ImagesGenerations_Create, images,           image_generation
          AudioTranscriptions_Create, audio,          audio_transcription
          AudioTranslations_Create, audio,            audio_translation
          AudioSpeech_Create,       audio,            audio_speech
          Responses_Create,         responses,        chat
          Create_Thread,            -,                -
          Create_Assistant,         -,                -
          ListKey,                  -,                -
          RegenerateKey,            -,                -
          Completions_Get,          -,                -
          _Create,                  -,                -
          -,                        -,                -
          """)
  void inferenceOperations(String operation, String api, String genAiOperation) {
    ResourceLogNames.Inference i = ResourceLogNames.inference(operation);
    if (api == null) {
      assertThat(i).isNull();
    } else {
      assertThat(i).isEqualTo(new ResourceLogNames.Inference(api, genAiOperation));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      delimiter = '|',
      textBlock =
          """
          Azure OpenAI API version 2024-02-15-preview | 2024-02-15-preview
          Azure OpenAI API version 2024-10-21         | 2024-10-21
          azure openai api VERSION v1                 | v1
          2025-04-01-preview                          | 2025-04-01-preview
          Azure OpenAI API                            | -
          something else                              | -
          -                                           | -
          """)
  void apiVersionFromApiName(String apiName, String version) {
    assertThat(ResourceLogNames.apiVersion(apiName)).isEqualTo(version);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          Streaming,     true
          Non-Streaming, false
          NonStreaming,  false
          non_streaming, false
          Batch,         -
          -,             -
          """)
  void streamType(String streamType, Boolean stream) {
    assertThat(ResourceLogNames.stream(streamType)).isEqualTo(stream);
  }
}
