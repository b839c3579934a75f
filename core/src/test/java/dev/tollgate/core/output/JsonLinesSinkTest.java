package dev.tollgate.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {
  @TempDir Path dir;

  static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.MAPPER.readTree(l));
    }
    return out;
  }

  @Test
  void writesOneLinePerItemWithTheFixedKeysFirst() throws IOException {
    ObjectNode chat =
        ApimRecord.call(
                "/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21",
                Samples.chatExampleRequest(),
                Samples.chatExampleResponse(),
                200)
            .node();
    try (JsonLinesSink sink = new JsonLinesSink(dir.resolve("out"))) {
      Run run = Runs.pipeline(dev.tollgate.core.enrich.EnrichOptions.DEFAULTS).start(sink);
      run.accept(Runs.envelope(chat, Samples.gatewayLogsSample()));
      run.accept(EventBody.ofText("{ not json", "x"));
      run.close();
    }
    List<JsonNode> requests = read(dir.resolve("out").resolve(JsonLinesSink.REQUESTS));
    List<JsonNode> aggregates = read(dir.resolve("out").resolve(JsonLinesSink.AGGREGATES));
    List<JsonNode> dead = read(dir.resolve("out").resolve(JsonLinesSink.DEAD_LETTERS));

    assertThat(requests).hasSize(1);
    List<String> keys = new ArrayList<>();
    Iterator<String> it = requests.get(0).fieldNames();
    it.forEachRemaining(keys::add);
    assertThat(keys.subList(0, RequestFields.FIXED_KEYS.size()))
        .containsExactlyElementsOf(RequestFields.FIXED_KEYS);
    assertThat(requests.get(0).get("tollgate.cost.usd").decimalValue())
        .isEqualByComparingTo("0.000852");
    assertThat(aggregates).hasSize(1);
    assertThat(aggregates.get(0).get("requests").asLong()).isEqualTo(1);
    // the docs sample's invalid time, and the broken body
    assertThat(dead)
        .extracting(d -> d.get("reason").asText())
        .containsExactly("invalid_time", "invalid_json");
    assertThat(dead.get(1).get("raw").asText()).isEqualTo("{ not json");
  }

  @Test
  void aLoneSurrogateIsReplacedInsteadOfFailingTheRun() throws IOException {
    // a body whose escaped emoji was cut in half: "\ud83d" without its pair
    ObjectNode odd =
        ApimRecord.call(
                "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                null,
                "{\"model\":\"gpt-4o-\\ud83d\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}",
                200)
            .node();
    try (JsonLinesSink sink = new JsonLinesSink(dir)) {
      Run run = Runs.pipeline(dev.tollgate.core.enrich.EnrichOptions.DEFAULTS).start(sink);
      run.accept(Runs.envelope(odd));
      run.accept(EventBody.ofText("{\"time\": \"\uD83D", "cut.jsonl"));
      run.close();
    }
    JsonNode request = read(dir.resolve(JsonLinesSink.REQUESTS)).get(0);
    assertThat(request.get("gen_ai.response.model").asText()).isEqualTo("gpt-4o-?");
    assertThat(read(dir.resolve(JsonLinesSink.DEAD_LETTERS)).get(0).get("raw").asText())
        .isEqualTo("{\"time\": \"?");
  }
}
