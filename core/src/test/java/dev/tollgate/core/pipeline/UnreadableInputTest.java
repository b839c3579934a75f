package dev.tollgate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.SourcePosition;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.UnreadableInput;
import dev.tollgate.core.parse.Utf8Decoder;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Bytes that are not text become one dead letter that keeps them, between ordinary records. */
class UnreadableInputTest {
  static final byte[] LATIN1 = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};

  static UnreadableInput line(String file, int lineNo, long offset) {
    Utf8Decoder.Decoded d = new Utf8Decoder().decode(LATIN1);
    return UnreadableInput.invalidUtf8(
        SourcePosition.ofFile(file + ":" + lineNo, 0),
        "line " + lineNo + " of " + file,
        offset,
        LATIN1,
        0,
        LATIN1.length,
        d.firstBadByte(),
        null);
  }

  static ObjectNode chat(String correlationId) {
    ObjectNode r =
        ApimRecord.call(
                "/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21",
                Samples.chatExampleRequest(),
                Samples.chatExampleResponse(),
                200)
            .node();
    r.put("correlationId", correlationId);
    return r;
  }

  @Test
  void becomesOneDeadLetterWithTheBytesAsBase64AndIsCountedByReason() {
    CollectingSink sink = new CollectingSink();
    Run run = Runs.pipeline(dev.tollgate.core.enrich.EnrichOptions.DEFAULTS).start(sink);
    run.accept(Runs.envelope(chat("c-1")));
    run.unreadable(line("a.jsonl", 2, 120));
    run.accept(Runs.envelope(chat("c-2")));
    run.close();

    assertThat(sink.requests).hasSize(2);
    assertThat(run.stats().deadLettersByReason()).containsEntry("invalid_utf8", 1L);
    assertThat(run.stats().records()).isEqualTo(3);
    DeadLetter d = sink.deadLetters.get(0);
    assertThat(d.rawEncoding()).isEqualTo(DeadLetter.RawEncoding.BASE64);
    assertThat(Base64.getDecoder().decode(d.raw())).isEqualTo(LATIN1);
    assertThat(d.detail()).contains("line 2 of a.jsonl").contains("file offset 126");
    assertThat(d.seenAt()).isEqualTo(Runs.NOW);
    ObjectNode json = sink.deadLetterLines.get(0);
    assertThat(json.get("raw_encoding").asText()).isEqualTo("base64");
    assertThat(json.get("source").asText()).isEqualTo("a.jsonl:2");
    assertThat(json.get("reason").asText()).isEqualTo("invalid_utf8");
  }

  @Test
  void idsComeFromWhereTheBytesAreNotFromWhatTheyAre() {
    CollectingSink sink = new CollectingSink();
    Run run = Runs.pipeline(dev.tollgate.core.enrich.EnrichOptions.DEFAULTS).start(sink);
    run.unreadable(line("a.jsonl", 2, 120));
    run.unreadable(line("a.jsonl", 3, 140));
    run.unreadable(line("b.jsonl", 2, 120));
    run.unreadable(line("a.jsonl", 2, 120));
    run.accept(EventBody.ofText("{ not json", "x"));
    run.close();

    var ids = sink.deadLetters.stream().map(DeadLetter::itemId).toList();
    assertThat(ids.subList(0, 3)).doesNotHaveDuplicates().allMatch(i -> i.startsWith("dl:h"));
    assertThat(ids.get(3)).isEqualTo(ids.get(0));
    // text dead letters keep saying so
    assertThat(sink.deadLetters.get(4).rawEncoding()).isEqualTo(DeadLetter.RawEncoding.TEXT);
    assertThat(sink.deadLetterLines.get(4).get("raw_encoding").asText()).isEqualTo("text");
  }

  @Test
  void aCaptureBodyKeepsItsStreamPositionAndEnqueuedTime() {
    CollectingSink sink = new CollectingSink();
    Run run = Runs.pipeline(dev.tollgate.core.enrich.EnrichOptions.DEFAULTS).start(sink);
    Instant enq = Instant.parse("2026-11-20T09:00:05Z");
    run.unreadable(
        UnreadableInput.invalidUtf8(
            new SourcePosition("3", 101L, "x.avro", 0),
            "the Body of sequence number 101",
            -1,
            LATIN1,
            0,
            LATIN1.length,
            6,
            enq));
    run.close();

    DeadLetter d = sink.deadLetters.get(0);
    assertThat(d.itemId()).isEqualTo("dl:3:101:0");
    assertThat(d.seenAt()).isEqualTo(enq);
    assertThat(d.detail()).doesNotContain("file offset");
  }
}
