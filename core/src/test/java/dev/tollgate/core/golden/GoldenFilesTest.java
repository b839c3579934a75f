package dev.tollgate.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.output.JsonLinesSink;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Runs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed set of gateway records (src/test/resources/golden/input.jsonl, described in the README
 * there) through the whole pipeline into {@link JsonLinesSink}, compared line by line, as parsed
 * JSON, with the checked-in expected files.
 *
 * <p>To regenerate the expected files after an intended change, run {@code mvn -pl core test
 * -Dtest=GoldenFilesTest -Dtollgate.golden.update=true}, then read the diff line by line before
 * committing it: every number in those files was checked by hand (see the README).
 */
class GoldenFilesTest {
  static final String UPDATE = "tollgate.golden.update";
  static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");

  @TempDir Path out;

  static Pipeline pipeline() {
    return Pipeline.builder()
        .clock(Runs.CLOCK)
        .options(
            new EnrichOptions(
                true,
                null,
                DeploymentType.GLOBAL,
                Map.of(
                    "gpt35-eu",
                    DeploymentType.DATA_ZONE,
                    "gpt-4o-ptu",
                    DeploymentType.PROVISIONED)))
        .build();
  }

  @Test
  void pipelineOutputMatchesTheExpectedFiles() throws IOException {
    RunStats stats;
    try (JsonLinesSink sink = new JsonLinesSink(out)) {
      Run run = pipeline().start(sink);
      run.accept(EventBody.ofText(Resources.text("golden/input.jsonl"), "golden/input.jsonl"));
      run.close();
      stats = run.stats();
    }

    // every record of the input is accounted for once
    assertThat(stats.records()).isEqualTo(25);
    assertThat(stats.llmRequests()).as("gateway calls only").isEqualTo(17);
    assertThat(stats.resourceLogRecords()).isEqualTo(4);
    assertThat(stats.resourceLogCalls()).isEqualTo(3);
    assertThat(stats.otherRequests()).isEqualTo(1);
    assertThat(stats.llmLogRecords()).isEqualTo(1);
    assertThat(stats.deadLettersByReason())
        .containsExactlyInAnyOrderEntriesOf(Map.of("invalid_time", 1L, "invalid_json", 1L));

    if (Boolean.getBoolean(UPDATE)) {
      for (String f : new String[] {"requests", "aggregates", "deadletter"}) {
        Files.copy(
            out.resolve(f + ".jsonl"),
            SOURCE_DIR.resolve("expected-" + f + ".jsonl"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    compare(JsonLinesSink.REQUESTS, "golden/expected-requests.jsonl");
    compare(JsonLinesSink.AGGREGATES, "golden/expected-aggregates.jsonl");
    compare(JsonLinesSink.DEAD_LETTERS, "golden/expected-deadletter.jsonl");
  }

  void compare(String produced, String expectedResource) throws IOException {
    List<JsonNode> actual = lines(Files.readString(out.resolve(produced), StandardCharsets.UTF_8));
    // in update mode the classpath copy is stale: read what was just written
    List<JsonNode> expected =
        lines(
            Boolean.getBoolean(UPDATE)
                ? Files.readString(SOURCE_DIR.resolve(Path.of(expectedResource).getFileName()))
                : Resources.text(expectedResource));
    assertThat(actual).as("%s: number of lines", produced).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      JsonNode a = actual.get(i);
      List<String> names = new ArrayList<>();
      e.fieldNames().forEachRemaining(names::add);
      a.fieldNames()
          .forEachRemaining(
              n -> {
                if (!names.contains(n)) {
                  names.add(n);
                }
              });
      for (String n : names) {
        assertThat(String.valueOf(a.get(n)))
            .as("%s line %d (%s) field %s", produced, i + 1, e.path("tollgate.item_id"), n)
            .isEqualTo(String.valueOf(e.get(n)));
      }
    }
  }

  static List<JsonNode> lines(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : text.split("\n")) {
      if (!l.isBlank()) {
        out.add(Json.MAPPER.readTree(l));
      }
    }
    return out;
  }
}
