package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Event Hubs Capture files: the Avro schema Capture writes, at Capture's default path layout. */
class CaptureReplayTest {
  @TempDir Path tmp;

  @Test
  void readsBodiesWithPartitionAndSequenceNumber() throws Exception {
    List<String> lines =
        Files.readAllLines(ReplayCommandTest.samples().resolve("gateway-logs.jsonl"));
    Path file = tmp.resolve("contoso-ns/apim-logs/3/2026/11/20/09/00/00.avro");
    CaptureFiles.write(
        file, lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(), 100, false);
    Path outDir = tmp.resolve("out");
    CommandLine cl = new CommandLine(new TollgateCommand());
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code =
        cl.execute("replay", "--out", outDir.toString(), tmp.resolve("contoso-ns").toString());

    assertThat(code).isZero();
    List<JsonNode> requests = ReplayCommandTest.lines(outDir.resolve("requests.jsonl"));
    assertThat(requests).hasSize(26);
    JsonNode dead = ReplayCommandTest.lines(outDir.resolve("deadletter.jsonl")).get(0);
    assertThat(dead.get("partition_id").asText()).isEqualTo("3");
    assertThat(dead.get("sequence_number").asLong()).isEqualTo(104);
    assertThat(dead.get("tollgate.item_id").asText()).isEqualTo("dl:3:104:0");
  }

  @Test
  void parsesCaptureEnqueuedTime() {
    assertThat(CaptureReader.captureTime("9/22/2021 2:36:56 PM"))
        .hasToString("2021-09-22T14:36:56Z");
  }
}
