package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opt-in content capture: the prompt is read for it even when the response reports usage (where the
 * enricher otherwise passes the prompt over), redacted and cut.
 */
class ContentCaptureTest {
  static final String CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";

  static final String REQUEST =
      "{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
          + "{\"role\":\"user\",\"content\":\"Mail jane.doe@contoso.com about the parrot\"}],"
          + "\"max_tokens\":50}";

  static LlmRequest enrich(int captureChars, String response) {
    EnrichOptions options =
        new EnrichOptions(false, null, DeploymentType.GLOBAL, Map.of(), captureChars);
    return Runs.one(Runs.pipeline(options), ApimRecord.call(CHAT, REQUEST, response, 200).node())
        .sink()
        .requests
        .get(0);
  }

  @Test
  void reportedUsageStillCapturesThePromptRedacted() {
    LlmRequest r = enrich(2_000, Samples.chatExampleResponse());

    assertThat(r.usage().source()).isEqualTo(UsageSource.REPORTED);
    assertThat(r.content()).isNotNull();
    assertThat(r.content().input())
        .contains("system: You are terse.")
        .contains("user: Mail [EMAIL] about the parrot")
        .doesNotContain("jane.doe@contoso.com");
    // The completion is longer than the limit: its start, then the cut marker.
    assertThat(r.content().output())
        .startsWith(Samples.chatExampleContent().substring(0, 80))
        .endsWith("…[cut]")
        .hasSize(2_000 + "…[cut]".length());
  }

  @Test
  void captureIsCutToItsLimitAndOffByDefault() {
    LlmRequest cut = enrich(10, Samples.chatExampleResponse());
    assertThat(cut.content().input()).isEqualTo("system: Yo…[cut]");

    LlmRequest off = enrich(0, Samples.chatExampleResponse());
    assertThat(off.content()).isNull();
  }

  @Test
  void estimatedUsageReadsThePromptOnceAndCountsIt() {
    LlmRequest r = enrich(0, Samples.withoutUsage(Samples.chatExampleResponse()));

    assertThat(r.usage().source()).isEqualTo(UsageSource.ESTIMATED);
    // 3 to prime the reply + per message 3 + role + content (o200k_base).
    assertThat(r.usage().inputTokens()).isBetween(15L, 30L);
    assertThat(r.model().requestModel()).isNull();
  }
}
