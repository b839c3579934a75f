package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the LogAnalyticsPoller function.json that {@code mvn package} generated. */
class LogAnalyticsPollerFunctionJsonIT {
  private static final Path APP = Path.of("target/azure-functions/tollgate");

  @Test
  void thePollerIsATimerWhoseScheduleIsAnAppSetting() throws Exception {
    JsonNode f = Json.MAPPER.readTree(APP.resolve("LogAnalyticsPoller/function.json").toFile());

    assertThat(f.get("entryPoint").asText())
        .isEqualTo("dev.tollgate.functions.LogAnalyticsPollerFunction.run");
    assertThat(f.get("bindings")).hasSize(1);
    JsonNode t = f.get("bindings").get(0);
    assertThat(t.get("type").asText()).isEqualTo("timerTrigger");
    assertThat(t.get("direction").asText()).isEqualTo("in");
    assertThat(t.get("name").asText()).isEqualTo("timer");
    assertThat(t.get("schedule").asText()).isEqualTo("%TOLLGATE_LA_SCHEDULE%");
  }

  @Test
  void theAppCarriesThePollersLibrariesAndTheQueries() throws Exception {
    try (var libs = java.nio.file.Files.list(APP.resolve("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.startsWith("tollgate-loganalytics-"))
          .anyMatch(n -> n.startsWith("azure-monitor-query-"))
          .noneMatch(n -> n.startsWith("netty-"));
    }
  }
}
