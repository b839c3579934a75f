package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code usage} object strictly. A count is a whole, non-negative number, or a string that
 * holds one ({@code "12"}, {@code 12.0}); anything else (-3, 12.5, "abc", 1e20, an object) makes
 * the whole usage implausible, with what was claimed kept. Rounding or dropping a bad count would
 * price a call on a number nobody reported.
 */
final class ReportedUsage {
  /** A claimed value is quoted up to this many characters: a record is not a place for a blob. */
  private static final int MAX_QUOTED = 40;

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final List<String> problems = new ArrayList<>();

  private ReportedUsage() {}

  /** Where each API puts the input details: Chat Completions, Responses, Realtime/transcription. */
  private static final List<String> INPUT_DETAILS =
      List.of("prompt_tokens_details", "input_tokens_details", "input_token_details");

  private static final List<String> OUTPUT_DETAILS =
      List.of("completion_tokens_details", "output_tokens_details", "output_token_details");

  /**
   * Chat Completions ({@code prompt_/completion_tokens}), Responses, Images and Realtime names
   * alike, with the audio and image counts of their details objects.
   */
  static TokenUsage read(JsonNode u) {
    ReportedUsage r = new ReportedUsage();
    Long input = r.first(u, "prompt_tokens", "input_tokens");
    Long output = r.first(u, "completion_tokens", "output_tokens");
    TokenUsage.Builder b =
        TokenUsage.builder()
            .inputTokens(input)
            .outputTokens(output)
            .cachedInputTokens(r.detail(u, INPUT_DETAILS, "cached_tokens"))
            .reasoningTokens(r.detail(u, OUTPUT_DETAILS, "reasoning_tokens"))
            .audioInputTokens(r.detail(u, INPUT_DETAILS, "audio_tokens"))
            .imageInputTokens(r.detail(u, INPUT_DETAILS, "image_tokens"))
            .cachedAudioInputTokens(r.cachedDetail(u, "audio_tokens"))
            .cachedImageInputTokens(r.cachedDetail(u, "image_tokens"))
            .audioOutputTokens(r.detail(u, OUTPUT_DETAILS, "audio_tokens"))
            .imageOutputTokens(r.detail(u, OUTPUT_DETAILS, "image_tokens"))
            .source(UsageSource.REPORTED);
    if (!r.problems.isEmpty()) {
      return TokenUsage.implausible(UsageSource.REPORTED, String.join("; ", r.problems));
    }
    if (input == null && output == null) {
      return null;
    }
    TokenUsage usage = b.build();
    String parts = partsBeyondWhole(usage);
    return parts == null ? usage : TokenUsage.implausible(UsageSource.REPORTED, parts);
  }

  /**
   * Audio and image counts are parts of input and output, cached ones parts of their modality: a
   * part larger than its whole is a count no call can have.
   */
  static String partsBeyondWhole(TokenUsage u) {
    List<String> out = new ArrayList<>();
    long media = zero(u.audioInputTokens()) + zero(u.imageInputTokens());
    if (media > 0 && u.inputTokens() != null && media > u.inputTokens()) {
      out.add("audio+image input tokens=" + media + " exceed input_tokens=" + u.inputTokens());
    }
    beyond(out, "cached audio", u.cachedAudioInputTokens(), "audio input", u.audioInputTokens());
    beyond(out, "cached image", u.cachedImageInputTokens(), "image input", u.imageInputTokens());
    long cachedMedia = zero(u.cachedAudioInputTokens()) + zero(u.cachedImageInputTokens());
    if (cachedMedia > 0 && u.cachedInputTokens() != null && cachedMedia > u.cachedInputTokens()) {
      out.add(
          "cached audio+image tokens="
              + cachedMedia
              + " exceed cached_tokens="
              + u.cachedInputTokens());
    }
    long mediaOut = zero(u.audioOutputTokens()) + zero(u.imageOutputTokens());
    if (mediaOut > 0 && u.outputTokens() != null && mediaOut > u.outputTokens()) {
      out.add(
          "audio+image output tokens=" + mediaOut + " exceed output_tokens=" + u.outputTokens());
    }
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private static void beyond(List<String> out, String part, Long p, String whole, Long w) {
    if (p != null && p > zero(w)) {
      out.add(part + " tokens=" + p + " exceed " + whole + " tokens=" + zero(w));
    }
  }

  private static long zero(Long v) {
    return v == null ? 0 : v;
  }

  private Long first(JsonNode n, String a, String b) {
    JsonNode v = Json.field(n, a);
    return v != null ? count(v, a) : count(Json.field(n, b), b);
  }

  /** The field in the first details object that has it. */
  private Long detail(JsonNode n, List<String> objects, String field) {
    for (String o : objects) {
      JsonNode v = Json.field(Json.field(n, o), field);
      if (v != null) { // Json.field: a JSON null detail is one the API did not fill in
        return count(v, o + "." + field);
      }
    }
    return null;
  }

  /** The cached part of one modality ({@code *_details.cached_tokens_details.<field>}). */
  private Long cachedDetail(JsonNode n, String field) {
    for (String o : INPUT_DETAILS) {
      JsonNode v = Json.field(Json.field(Json.field(n, o), "cached_tokens_details"), field);
      if (v != null) {
        return count(v, o + ".cached_tokens_details." + field);
      }
    }
    return null;
  }

  private Long count(JsonNode v, String name) {
    if (v == null) {
      return null;
    }
    BigDecimal d;
    try {
      if (v.isNumber()) {
        d = v.decimalValue(); // an infinite double throws
      } else if (v.isTextual()) {
        d = new BigDecimal(v.asText().strip());
      } else {
        return problem(name, v, "is not a number");
      }
    } catch (NumberFormatException e) {
      return problem(name, v, "is not a number");
    }
    if (d.signum() < 0) {
      return problem(name, v, "is negative");
    }
    if (d.stripTrailingZeros().scale() > 0) {
      return problem(name, v, "is not a whole number");
    }
    if (d.compareTo(LONG_MAX) > 0) {
      return problem(name, v, "is beyond any token count");
    }
    return d.longValueExact();
  }

  private Long problem(String name, JsonNode v, String why) {
    String claimed = v.toString();
    if (claimed.length() > MAX_QUOTED) {
      claimed = claimed.substring(0, MAX_QUOTED) + "...";
    }
    problems.add(name + "=" + claimed + " " + why);
    return null;
  }
}
