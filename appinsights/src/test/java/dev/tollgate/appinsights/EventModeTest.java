package dev.tollgate.appinsights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.Origin;
import dev.tollgate.core.model.Route;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventModeTest {
  static LlmRequest record(String category, boolean llm) {
    return LlmRequest.builder()
        .origin(
            Origin.builder()
                .time(Instant.parse("2026-11-20T09:03:12Z"))
                .itemId("aoai:h1")
                .category(category)
                .build())
        .route(Route.builder().llm(llm).azureOperation("ListKey").build())
        .build();
  }

  @Test
  void accountAuditsAreEventsInEveryModeButOff() {
    LlmRequest audit = record("Audit", false);
    assertThat(EventMode.ALL.selects(audit)).isTrue();
    assertThat(EventMode.parse("errors").selects(audit)).isTrue();
    assertThat(EventMode.parse("sampled:0").selects(audit)).isTrue();
    assertThat(EventMode.parse("off").selects(audit)).isFalse();
  }

  @Test
  void otherNonLlmRecordsAreNot() {
    assertThat(EventMode.ALL.selects(record("GatewayLogs", false))).isFalse();
    assertThat(EventMode.ALL.selects(record("Trace", false))).isFalse();
    assertThat(EventMode.ALL.selects(record("RequestResponse", true))).isTrue();
  }
}
