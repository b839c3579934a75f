package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the CostReport function.json that {@code mvn package} generated. */
class CostReportFunctionJsonIT {
  private static final Path APP = Path.of("target/azure-functions/tollgate");

  @Test
  void costReportIsATimerWhoseScheduleIsAnAppSetting() throws Exception {
    JsonNode f = Json.MAPPER.readTree(APP.resolve("CostReport/function.json").toFile());

    assertThat(f.get("entryPoint").asText())
        .isEqualTo("dev.tollgate.functions.CostReportFunction.run");
    assertThat(f.get("bindings")).hasSize(1);
    JsonNode t = f.get("bindings").get(0);
    assertThat(t.get("type").asText()).isEqualTo("timerTrigger");
    assertThat(t.get("direction").asText()).isEqualTo("in");
    assertThat(t.get("name").asText()).isEqualTo("timer");
    assertThat(t.get("schedule").asText()).isEqualTo("%TOLLGATE_REPORT_SCHEDULE%");
  }
}
