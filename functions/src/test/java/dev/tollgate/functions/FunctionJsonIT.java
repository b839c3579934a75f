package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads what {@code mvn package} generated for the Functions host. */
class FunctionJsonIT {
  private static final Path APP = Path.of("target/azure-functions/tollgate");

  @Test
  void gatewayLogsIsABatchedStringEventHubTriggerWithUnlimitedBackoffRetries() throws Exception {
    JsonNode f = Json.MAPPER.readTree(APP.resolve("GatewayLogs/function.json").toFile());

    assertThat(f.get("entryPoint").asText())
        .isEqualTo("dev.tollgate.functions.GatewayLogsFunction.run");
    assertThat(f.get("bindings")).hasSize(1);
    JsonNode t = f.get("bindings").get(0);
    assertThat(t.get("type").asText()).isEqualTo("eventHubTrigger");
    assertThat(t.get("direction").asText()).isEqualTo("in");
    assertThat(t.get("name").asText()).isEqualTo("messages");
    // The plugin writes "MANY"; the host reads the value without regard to case.
    assertThat(t.get("cardinality").asText()).isEqualToIgnoringCase("many");
    assertThat(t.get("dataType").asText()).isEqualTo("string");
    assertThat(t.get("connection").asText()).isEqualTo("EventHubConnection");
    assertThat(t.get("eventHubName").asText()).isEqualTo("%TOLLGATE_EVENTHUB_NAME%");
    assertThat(t.get("consumerGroup").asText()).isEqualTo("%TOLLGATE_EVENTHUB_CONSUMER_GROUP%");

    JsonNode retry = f.get("retry");
    assertThat(retry.get("strategy").asText()).isEqualTo("exponentialBackoff");
    assertThat(retry.get("maxRetryCount").asInt()).isEqualTo(-1);
    assertThat(retry.get("minimumInterval").asText()).isEqualTo("00:00:10");
    assertThat(retry.get("maximumInterval").asText()).isEqualTo("00:15:00");
  }

  @Test
  void theAppCarriesHostJsonAndItsLibrariesButNotTheWorkersOwn() throws Exception {
    JsonNode host = Json.MAPPER.readTree(APP.resolve("host.json").toFile());
    assertThat(host.at("/extensionBundle/version").asText()).isEqualTo("[4.*, 5.0.0)");
    assertThat(host.at("/extensions/eventHubs/maxEventBatchSize").asInt()).isEqualTo(100);
    assertThat(host.at("/extensions/eventHubs/batchCheckpointFrequency").asInt()).isEqualTo(1);

    try (Stream<Path> libs = Files.list(APP.resolve("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.startsWith("tollgate-core-"))
          .anyMatch(n -> n.startsWith("azure-storage-blob-"))
          .noneMatch(n -> n.startsWith("azure-functions-java-core-library"))
          .noneMatch(n -> n.startsWith("netty-"));
    }
  }
}
