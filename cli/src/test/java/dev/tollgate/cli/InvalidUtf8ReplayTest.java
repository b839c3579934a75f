package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line (or a .json file) that is not UTF-8 is one dead letter; everything else is read. */
class InvalidUtf8ReplayTest {
  /** A record with a Latin-1 "é" (0xE9), as a tool writing the wrong encoding leaves it. */
  static final byte[] LATIN1_LINE = latin1Line();

  @TempDir Path tmp;

  static byte[] latin1Line() {
    byte[] head =
        "{\"time\":\"2026-11-20T09:00:03Z\",\"category\":\"GatewayLogs\",\"properties\":{\"apiId\":\"caf"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head);
    b.write(0xE9);
    b.writeBytes(tail);
    return b.toByteArray();
  }

  static List<String> sampleLines() throws Exception {
    return Files.readAllLines(
        ReplayCommandTest.samples().resolve("gateway-logs.jsonl"), StandardCharsets.UTF_8);
  }

  /** The sample lines with {@code bad} inserted before line {@code at} (1-based), CRLF endings. */
  static byte[] withLine(List<String> lines, int at, byte[] bad) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      if (i == at - 1) {
        b.writeBytes(bad);
        b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      b.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return b.toByteArray();
  }

  static List<String> ids(List<JsonNode> nodes) {
    return nodes.stream().map(n -> n.get("tollgate.item_id").asText()).toList();
  }

  @Test
  void anInvalidLineIsOneDeadLetterAndEveryOtherLineIsEnriched() throws Exception {
    List<String> lines = sampleLines();
    Path good = Files.write(tmp.resolve("good.jsonl"), withLine(lines, -1, null));
    Path bad = Files.write(tmp.resolve("bad.jsonl"), withLine(lines, 3, LATIN1_LINE));

    CliRun clean = CliRun.run("replay", "--out", tmp.resolve("o1").toString(), good.toString());
    CliRun mixed = CliRun.run("replay", "--out", tmp.resolve("o2").toString(), bad.toString());

    assertThat(mixed.code()).as(mixed.err()).isZero();
    List<JsonNode> cleanRequests = ReplayCommandTest.lines(tmp.resolve("o1/requests.jsonl"));
    List<JsonNode> requests = ReplayCommandTest.lines(tmp.resolve("o2/requests.jsonl"));
    assertThat(cleanRequests).isNotEmpty();
    assertThat(ids(requests)).isEqualTo(ids(cleanRequests));

    List<JsonNode> dead = ReplayCommandTest.lines(tmp.resolve("o2/deadletter.jsonl"));
    List<JsonNode> cleanDead = ReplayCommandTest.lines(tmp.resolve("o1/deadletter.jsonl"));
    assertThat(dead).hasSize(cleanDead.size() + 1);
    JsonNode utf8 =
        dead.stream()
            .filter(d -> d.get("reason").asText().equals("invalid_utf8"))
            .findFirst()
            .orElseThrow();
    assertThat(utf8.get("raw_encoding").asText()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(utf8.get("raw").asText())).isEqualTo(LATIN1_LINE);
    assertThat(utf8.get("source").asText()).isEqualTo(bad + ":3");
    // the 0xE9 sits after the "caf" of the third line, which starts after two lines and CRLFs
    long lineStart = withLine(lines.subList(0, 2), -1, null).length;
    int col = new String(LATIN1_LINE, StandardCharsets.ISO_8859_1).indexOf('\u00e9');
    assertThat(utf8.get("detail").asText())
        .contains("line 3 of " + bad)
        .contains("byte " + col + " of " + LATIN1_LINE.length)
        .contains("file offset " + (lineStart + col));
    assertThat(dead.stream().filter(d -> !d.equals(utf8)))
        .allSatisfy(d -> assertThat(d.get("raw_encoding").asText()).isEqualTo("text"));
    assertThat(mixed.out()).contains("invalid_utf8 1");
  }

  @Test
  void theSameInputGivesTheSameIdsAndTwoEqualBadLinesTwoIds() throws Exception {
    byte[] twice = withLine(List.of(sampleLines().get(0)), 1, LATIN1_LINE);
    Path bad = Files.write(tmp.resolve("twice.jsonl"), concat(twice, LATIN1_LINE));

    CliRun.run("replay", "--out", tmp.resolve("a").toString(), bad.toString());
    CliRun.run("replay", "--out", tmp.resolve("b").toString(), bad.toString());

    List<String> first = ids(ReplayCommandTest.lines(tmp.resolve("a/deadletter.jsonl")));
    assertThat(first).hasSize(2).doesNotHaveDuplicates();
    assertThat(ids(ReplayCommandTest.lines(tmp.resolve("b/deadletter.jsonl")))).isEqualTo(first);
  }

  @Test
  void aJsonFileThatIsNotUtf8IsOneDeadLetterAndTheNextInputIsRead() throws Exception {
    byte[] doc = concat("{\"records\": [\n".getBytes(StandardCharsets.US_ASCII), LATIN1_LINE);
    Path json = Files.write(tmp.resolve("a-latin1.json"), concat(doc, "]}".getBytes()));
    Path next = Files.write(tmp.resolve("b.jsonl"), sampleLines());
    Path outDir = tmp.resolve("o");

    CliRun result = CliRun.run("replay", "--out", outDir.toString(), tmp.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(ReplayCommandTest.lines(outDir.resolve("requests.jsonl"))).isNotEmpty();
    JsonNode dead =
        ReplayCommandTest.lines(outDir.resolve("deadletter.jsonl")).stream()
            .filter(d -> d.get("reason").asText().equals("invalid_utf8"))
            .findFirst()
            .orElseThrow();
    assertThat(dead.get("source").asText()).isEqualTo(json.toString());
    assertThat(dead.get("detail").asText()).contains("(line 2)");
    assertThat(Base64.getDecoder().decode(dead.get("raw").asText()))
        .isEqualTo(Files.readAllBytes(json));
    assertThat(next).exists();
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstRecord() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path file =
        Files.write(tmp.resolve("bom.jsonl"), concat(bom, withLine(sampleLines(), -1, null)));
    Path plain = Files.write(tmp.resolve("plain.jsonl"), withLine(sampleLines(), -1, null));

    CliRun.run("replay", "--out", tmp.resolve("a").toString(), file.toString());
    CliRun.run("replay", "--out", tmp.resolve("b").toString(), plain.toString());

    assertThat(ReplayCommandTest.lines(tmp.resolve("a/requests.jsonl")))
        .hasSameSizeAs(ReplayCommandTest.lines(tmp.resolve("b/requests.jsonl")));
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(a);
    o.writeBytes(b);
    return o.toByteArray();
  }
}
