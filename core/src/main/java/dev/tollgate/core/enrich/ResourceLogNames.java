package dev.tollgate.core.enrich;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the names in an Azure OpenAI resource log mean: the operation ({@code
 * ChatCompletions_Create}), the API version inside {@code apiName} and the {@code streamType}.
 */
public final class ResourceLogNames {
  /**
   * An inference operation.
   *
   * @param api the API family, as {@link ApiRoute} names it for the same call through APIM
   * @param operationName OpenTelemetry {@code gen_ai.operation.name}
   */
  public record Inference(String api, String operationName) {}

  private static final Pattern VERSION_AT_END = Pattern.compile("(?i)\\bversion\\s+(\\S+)\\s*$");
  private static final Pattern VERSION =
      Pattern.compile("(?i)^(\\d{4}-\\d{2}-\\d{2}(-preview)?|v1|preview|latest)$");

  private ResourceLogNames() {}

  /**
   * The inference an operation name stands for, or null for every other operation (Assistants
   * threads, key listing, deployments...): those run no model the record names, and their route
   * through APIM is not an inference route either, so both views count the same calls.
   */
  public static Inference inference(String operationName) {
    if (operationName == null) {
      return null;
    }
    String n = operationName.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (!n.endsWith("create") || n.length() == "create".length()) {
      return null;
    }
    return switch (n.substring(0, n.length() - "create".length())) {
      case "chatcompletions", "chatcompletion" -> new Inference("chat_completions", "chat");
      case "responses", "response" -> new Inference("responses", "chat");
      case "completions", "completion" -> new Inference("completions", "text_completion");
      case "embeddings", "embedding" -> new Inference("embeddings", "embeddings");
      case "imagesgenerations", "imagegenerations", "imagesgeneration", "imagegeneration" ->
          new Inference("images", "image_generation");
      case "audiotranscriptions", "transcriptions" -> new Inference("audio", "audio_transcription");
      case "audiotranslations", "translations" -> new Inference("audio", "audio_translation");
      case "audiospeech", "speech" -> new Inference("audio", "audio_speech");
      default -> null;
    };
  }

  /** {@code "Azure OpenAI API version 2024-02-15-preview"} gives {@code 2024-02-15-preview}. */
  public static String apiVersion(String apiName) {
    if (apiName == null) {
      return null;
    }
    String s = apiName.strip();
    Matcher m = VERSION_AT_END.matcher(s);
    if (m.find()) {
      return m.group(1);
    }
    return VERSION.matcher(s).matches() ? s : null;
  }

  /** {@code Streaming} is true, {@code Non-Streaming} false, anything else unknown. */
  public static Boolean stream(String streamType) {
    if (streamType == null) {
      return null;
    }
    String s = streamType.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return switch (s) {
      case "streaming", "stream" -> Boolean.TRUE;
      case "nonstreaming", "nonstream" -> Boolean.FALSE;
      default -> null;
    };
  }
}
