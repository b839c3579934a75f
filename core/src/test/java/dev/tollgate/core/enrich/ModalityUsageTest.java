package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import dev.tollgate.core.testing.Resources;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Audio and image counts and the service tier, read from each API's usage shape. */
class ModalityUsageTest {
  static TokenUsage usage(String body) {
    return ResponseFacts.read(body).reported;
  }

  @Test
  void chatCompletionsAudioDetails() {
    TokenUsage u = usage(Resources.text("bodies/chat-audio-response.json"));
    assertThat(u)
        .extracting(
            TokenUsage::inputTokens,
            TokenUsage::audioInputTokens,
            TokenUsage::cachedInputTokens,
            TokenUsage::outputTokens,
            TokenUsage::audioOutputTokens,
            TokenUsage::reasoningTokens)
        .containsExactly(117L, 98L, 0L, 271L, 214L, 0L);
    assertThat(u.imageInputTokens()).isNull();
  }

  @Test
  void realtimeResponseDoneDetails() {
    // token_details (singular) with the cached part of each modality
    TokenUsage u = usage(Resources.text("bodies/realtime-response-done.json"));
    assertThat(u)
        .extracting(
            TokenUsage::inputTokens,
            TokenUsage::audioInputTokens,
            TokenUsage::imageInputTokens,
            TokenUsage::cachedInputTokens,
            TokenUsage::cachedAudioInputTokens,
            TokenUsage::cachedImageInputTokens,
            TokenUsage::outputTokens,
            TokenUsage::audioOutputTokens)
        .containsExactly(132L, 13L, 0L, 64L, 0L, 0L, 121L, 91L);
  }

  @Test
  void imagesAndTranscriptionDetails() {
    TokenUsage img = usage(Resources.text("bodies/images-response.json"));
    assertThat(img)
        .extracting(TokenUsage::inputTokens, TokenUsage::imageInputTokens, TokenUsage::outputTokens)
        .containsExactly(50L, 40L, 4160L);
    TokenUsage stt = usage(Resources.text("bodies/transcription-response.json"));
    assertThat(stt)
        .extracting(TokenUsage::inputTokens, TokenUsage::audioInputTokens, TokenUsage::outputTokens)
        .containsExactly(14L, 14L, 45L);
  }

  @Test
  void theDocsSampleWithNullAudioCountsStaysText() {
    // Azure's prompt-caching sample has "audio_tokens": null and "service_tier": null
    String body =
        Resources.text("reference/microsoft-docs/azure-openai-prompt-caching-usage-sample.json");
    TokenUsage u = usage(body);
    assertThat(u.plausible()).isTrue();
    assertThat(u.cachedInputTokens()).isEqualTo(1408L);
    assertThat(u.audioInputTokens()).isNull();
    assertThat(u.audioOutputTokens()).isNull();
    assertThat(ResponseFacts.read(body).serviceTier).isNull();
  }

  @Test
  void countsAsStringsAndDetailsOfTheWrongShapeAreRead() {
    TokenUsage u =
        usage(
            "{\"usage\":{\"prompt_tokens\":\"100\",\"completion_tokens\":20,"
                + "\"prompt_tokens_details\":{\"audio_tokens\":\"60\"},"
                + "\"completion_tokens_details\":\"none\"}}");
    assertThat(u.audioInputTokens()).isEqualTo(60L);
    assertThat(u.audioOutputTokens()).isNull();
    assertThat(u.plausible()).isTrue();
  }

  @Test
  void partsLargerThanTheirWholeAreImplausible() {
    TokenUsage u =
        usage(
            "{\"usage\":{\"input_tokens\":10,\"output_tokens\":5,"
                + "\"input_token_details\":{\"audio_tokens\":11,\"cached_tokens\":2,"
                + "\"cached_tokens_details\":{\"audio_tokens\":3}},"
                + "\"output_token_details\":{\"audio_tokens\":6}}}");
    assertThat(u.plausible()).isFalse();
    assertThat(u.source()).isEqualTo(UsageSource.REPORTED);
    assertThat(u.implausible())
        .contains("audio+image input tokens=11 exceed input_tokens=10")
        .contains("cached audio+image tokens=3 exceed cached_tokens=2")
        .contains("audio+image output tokens=6 exceed output_tokens=5");
    assertThat(u.inputTokens()).isNull();
  }

  static LlmRequest enrich(String path, String request, String response) {
    String record =
        ApimRecord.call(path, request, response, 200).time("2025-07-01T12:00:00Z").json();
    CollectingSink sink = new CollectingSink();
    Run run = Pipeline.builder().build().start(sink);
    run.accept(EventBody.ofText(record, "t"));
    run.close();
    return sink.onlyRequest();
  }

  @Test
  void anAudioCallIsPricedByClassAndWritesItsBreakdown() {
    LlmRequest r =
        enrich(
            "/openai/deployments/audio/chat/completions?api-version=2025-01-01-preview",
            null,
            Resources.text("bodies/chat-audio-response.json"));
    // gpt-4o-audio-preview 2024-12-17: 19 text x 2.50 + 98 audio x 40 + 57 text x 10 + 214 x 80
    // = 47.5 + 3920 + 570 + 17120 = 21657.5 micro-dollars
    assertThat(r.price().cost().status()).isEqualTo(CostStatus.PRICED);
    assertThat(r.price().cost().usd()).isEqualByComparingTo("0.0216575");
    ObjectNode line = CollectingSink.line(r);
    JsonNode b = line.get("tollgate.cost.breakdown");
    assertThat(b.get("input").decimalValue()).isEqualByComparingTo("0.0000475");
    assertThat(b.get("audio_input").decimalValue()).isEqualByComparingTo("0.00392");
    assertThat(b.get("output").decimalValue()).isEqualByComparingTo("0.00057");
    assertThat(b.get("audio_output").decimalValue()).isEqualByComparingTo("0.01712");
    assertThat(b.size()).isEqualTo(4);
    assertThat(line.get("gen_ai.usage.audio.input_tokens").asLong()).isEqualTo(98);
    assertThat(line.get("gen_ai.usage.audio.output_tokens").asLong()).isEqualTo(214);
    assertThat(line.get("gen_ai.usage.image.input_tokens").isNull()).isTrue();
  }

  @Test
  void anImagesCallPricesItsOutputAsImageTokens() {
    LlmRequest r =
        enrich(
            "/openai/deployments/img/images/generations?api-version=2025-04-01-preview",
            "{\"prompt\":\"a lighthouse\",\"model\":\"gpt-image-1\"}",
            Resources.text("bodies/images-response.json"));
    assertThat(r.usage().imageOutputTokens()).isEqualTo(4160L);
    // no catalog entry for gpt-image-1: unpriced, never its image tokens priced as text
    assertThat(r.price().cost().status()).isEqualTo(CostStatus.UNPRICED_MODEL);
    assertThat(CollectingSink.line(r).get("tollgate.cost.breakdown").isNull()).isTrue();
  }

  @Test
  void theServiceTierOfTheResponseIsWhatIsPriced() {
    String response =
        Resources.text("bodies/chat-audio-response.json")
            .replace(
                "\"system_fingerprint\"", "\"service_tier\": \"priority\", \"system_fingerprint\"");
    LlmRequest r =
        enrich(
            "/openai/deployments/audio/chat/completions?api-version=2025-01-01-preview",
            "{\"messages\":[],\"service_tier\":\"priority\"}",
            response);
    // the shipped catalog has no priority price: unpriced, not the standard rate
    assertThat(r.price().cost().status()).isEqualTo(CostStatus.UNPRICED_MODEL);
    ObjectNode line = CollectingSink.line(r);
    assertThat(line.get("openai.request.service_tier").asText()).isEqualTo("priority");
    assertThat(line.get("openai.response.service_tier").asText()).isEqualTo("priority");

    // asked for priority, ran at default (Azure downgrades long prompts): the standard price
    LlmRequest downgraded =
        enrich(
            "/openai/deployments/audio/chat/completions?api-version=2025-01-01-preview",
            "{\"messages\":[],\"service_tier\":\"priority\"}",
            response.replace("\"service_tier\": \"priority\"", "\"service_tier\": \"default\""));
    assertThat(downgraded.price().cost().status()).isEqualTo(CostStatus.PRICED);
    assertThat(downgraded.price().cost().usd()).isEqualTo(new BigDecimal("0.0216575"));
  }
}
