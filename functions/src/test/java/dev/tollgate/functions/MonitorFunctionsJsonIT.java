package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Azure Monitor jobs' function.json files as {@code mvn package} generated them. */
class MonitorFunctionsJsonIT {
  private static final Path APP = Path.of("target/azure-functions/tollgate");

  static JsonNode binding(String function) throws Exception {
    JsonNode f = Json.MAPPER.readTree(APP.resolve(function + "/function.json").toFile());
    assertThat(f.get("bindings")).isNotEmpty();
    return f;
  }

  @Test
  void theTimersReadTheirSchedulesFromSettings() throws Exception {
    String[][] timers = {
      {"PlatformMetrics", "PlatformMetricsFunction", "%TOLLGATE_METRICS_SCHEDULE%"},
      {"Reconciliation", "ReconciliationFunction", "%TOLLGATE_RECONCILE_SCHEDULE%"},
      {"DeploymentInventory", "DeploymentInventoryFunction", "%TOLLGATE_INVENTORY_SCHEDULE%"},
    };
    for (String[] t : timers) {
      JsonNode f = binding(t[0]);
      assertThat(f.get("entryPoint").asText()).isEqualTo("dev.tollgate.functions." + t[1] + ".run");
      JsonNode b = f.get("bindings").get(0);
      assertThat(b.get("type").asText()).isEqualTo("timerTrigger");
      assertThat(b.get("schedule").asText()).isEqualTo(t[2]);
    }
  }

  @Test
  void doctorIsAGetWithFunctionLevelAuth() throws Exception {
    JsonNode f = binding("Doctor");
    JsonNode trigger = f.get("bindings").get(0);
    assertThat(trigger.get("type").asText()).isEqualTo("httpTrigger");
    assertThat(trigger.get("authLevel").asText()).isEqualToIgnoringCase("function");
    assertThat(trigger.get("route").asText()).isEqualTo("doctor");
    assertThat(trigger.get("methods")).extracting(JsonNode::asText).containsExactly("GET");
  }
}
