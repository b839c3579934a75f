package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Capture file that is cut, broken or not Avro at all: what can be read is processed, the rest is
 * one dead letter with file and byte offset, and the next input is read.
 */
class CorruptCaptureTest {
  @TempDir Path tmp;

  private List<String> lines;
  private Path capture;
  private Path next;
  private List<Long> blockEnds;

  @BeforeEach
  void writeInputs() throws Exception {
    lines =
        Files.readAllLines(
            ReplayCommandTest.samples().resolve("gateway-logs.jsonl"), StandardCharsets.UTF_8);
    capture = tmp.resolve("in/contoso-ns/apim-logs/3/2026/11/20/09/00/00.avro");
    CaptureFiles.write(
        capture, lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(), 100, true);
    blockEnds = CaptureFiles.blockEnds(capture);
    assertThat(blockEnds).as("one block per record").hasSameSizeAs(lines);
    // a second input, read after the Capture file (folders are read in sorted order)
    next = Files.write(tmp.resolve("in/zz-after.jsonl"), lines.subList(0, 1));
  }

  private CliRun replay(String outName) {
    return CliRun.run(
        "replay", "--out", tmp.resolve(outName).toString(), tmp.resolve("in").toString());
  }

  private static JsonNode onlyDeadLetter(Path outDir, String reason) throws Exception {
    List<JsonNode> dead =
        ReplayCommandTest.lines(outDir.resolve("deadletter.jsonl")).stream()
            .filter(d -> d.get("reason").asText().equals(reason))
            .toList();
    assertThat(dead).as(reason).hasSize(1);
    return dead.get(0);
  }

  /** Requests replay makes of the given lines alone (as a .jsonl file). */
  private int requestsOf(List<String> someLines, String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ref-" + name));
    Path f = Files.write(dir.resolve("x.jsonl"), someLines);
    CliRun r = CliRun.run("replay", "--out", dir.resolve("o").toString(), f.toString());
    assertThat(r.code()).isZero();
    return ReplayCommandTest.lines(dir.resolve("o/requests.jsonl")).size();
  }

  @Test
  void aTruncatedFileKeepsWhatWasReadAndTheRestIsOneDeadLetter() throws Exception {
    byte[] whole = Files.readAllBytes(capture);
    // cut in the middle of the sixth block: five records are whole
    long cut = (blockEnds.get(4) + blockEnds.get(5)) / 2;
    Files.write(capture, Arrays.copyOf(whole, (int) cut));

    CliRun result = replay("o");

    assertThat(result.code()).as(result.err()).isZero();
    int expected =
        requestsOf(lines.subList(0, 5), "five") + requestsOf(lines.subList(0, 1), "next");
    assertThat(ReplayCommandTest.lines(tmp.resolve("o/requests.jsonl"))).hasSize(expected);
    JsonNode dead = onlyDeadLetter(tmp.resolve("o"), "corrupt_avro");
    assertThat(dead.get("source").asText()).isEqualTo(capture.toString());
    assertThat(dead.get("partition_id").asText()).isEqualTo("3");
    assertThat(dead.get("detail").asText())
        .contains("bytes " + blockEnds.get(4) + " to " + cut + " of " + capture)
        .contains("truncated");
    assertThat(dead.get("raw_encoding").asText()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(dead.get("raw").asText()))
        .isEqualTo(Arrays.copyOfRange(whole, blockEnds.get(4).intValue(), (int) cut));
    assertThat(result.out()).contains("corrupt_avro 1");
  }

  @Test
  void aBrokenBlockInTheMiddleIsSkippedToTheNextSyncMarker() throws Exception {
    byte[] bytes = Files.readAllBytes(capture);
    // break the sync marker that ends the third block: Avro reports "Invalid sync!" there, and the
    // next marker it finds is the one after the fourth block
    int marker = blockEnds.get(2).intValue() - 16;
    for (int i = 0; i < 16; i++) {
      bytes[marker + i] ^= 0x5A;
    }
    Files.write(capture, bytes);

    CliRun result = replay("o");

    assertThat(result.code()).as(result.err()).isZero();
    List<String> readable = new java.util.ArrayList<>(lines.subList(0, 2));
    readable.addAll(lines.subList(4, lines.size()));
    int expected = requestsOf(readable, "kept") + requestsOf(lines.subList(0, 1), "next");
    assertThat(ReplayCommandTest.lines(tmp.resolve("o/requests.jsonl"))).hasSize(expected);
    JsonNode dead = onlyDeadLetter(tmp.resolve("o"), "corrupt_avro");
    assertThat(dead.get("detail").asText())
        .contains("bytes " + blockEnds.get(1) + " to " + blockEnds.get(3) + " of " + capture)
        .contains("Invalid sync");
  }

  @Test
  void anAvroFileThatIsNotAvroIsOneDeadLetterAndTheNextInputIsRead() throws Exception {
    byte[] notAvro = "PK\u0003\u0004 a zip, renamed".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(capture, notAvro);

    CliRun result = replay("o");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(ReplayCommandTest.lines(tmp.resolve("o/requests.jsonl")))
        .hasSize(requestsOf(lines.subList(0, 1), "next"));
    JsonNode dead = onlyDeadLetter(tmp.resolve("o"), "not_avro");
    assertThat(dead.get("detail").asText()).contains("bytes 0 to " + notAvro.length);
    assertThat(Base64.getDecoder().decode(dead.get("raw").asText())).isEqualTo(notAvro);
    assertThat(next).exists();
  }

  @Test
  void aFileWithAvroMagicButNoReadableHeaderIsOneDeadLetter() throws Exception {
    byte[] whole = Files.readAllBytes(capture);
    Files.write(capture, Arrays.copyOf(whole, 40));

    CliRun result = replay("o");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode dead = onlyDeadLetter(tmp.resolve("o"), "corrupt_avro");
    assertThat(dead.get("detail").asText()).contains("bytes 0 to 40").contains("header");
    assertThat(ReplayCommandTest.lines(tmp.resolve("o/requests.jsonl")))
        .hasSize(requestsOf(lines.subList(0, 1), "next"));
  }

  @Test
  void aBodyThatIsNotUtf8IsOneDeadLetterWithItsSequenceNumber() throws Exception {
    List<byte[]> bodies =
        new java.util.ArrayList<>(
            lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());
    bodies.set(1, InvalidUtf8ReplayTest.LATIN1_LINE);
    CaptureFiles.write(capture, bodies, 100, false);

    CliRun result = replay("o");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode dead = onlyDeadLetter(tmp.resolve("o"), "invalid_utf8");
    assertThat(dead.get("tollgate.item_id").asText()).isEqualTo("dl:3:101:0");
    assertThat(dead.get("seen_at").asText()).isEqualTo("2026-11-20T09:00:05Z");
    assertThat(Base64.getDecoder().decode(dead.get("raw").asText()))
        .isEqualTo(InvalidUtf8ReplayTest.LATIN1_LINE);
    List<String> others = new java.util.ArrayList<>(lines);
    others.remove(1);
    others.add(lines.get(0));
    assertThat(ReplayCommandTest.lines(tmp.resolve("o/requests.jsonl")))
        .hasSize(requestsOf(others, "others"));
  }
}
