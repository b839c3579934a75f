package dev.tollgate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.aggregate.WindowAggregator;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.SourcePosition;
import dev.tollgate.core.output.JsonLinesSink;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.RecordKind;
import dev.tollgate.core.parse.UnreadableInput;
import dev.tollgate.core.parse.Utf8Decoder;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.CollectingSink;
import dev.tollgate.core.testing.Mutator;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real records, broken in every way {@link Mutator} knows, in every body shape the reader accepts,
 * some as file lines whose bytes are not UTF-8. For each of 1,000 seeded batches (some 4,000
 * records): nothing escapes {@link Run#accept} or {@link Run#close}; every record put in comes out
 * exactly once, as a request or as a dead letter with a reason (or, for GatewayLlmLogs, as a
 * count); and the same input gives the same output, ids included. The real {@link JsonLinesSink}
 * writes everything too, so the files survive the garbage as well.
 */
class RobustnessPropertyTest {
  static final long SEED = 20250701L;
  static final int CASES = 1000;
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir Path dir;

  /** Records as APIM streams them, one of each kind the pipeline meets. */
  static List<ObjectNode> baseRecords() {
    String c35 = "/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21";
    String c4o = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
    ObjectNode nonLlm = Samples.gatewayLogsSample();
    nonLlm.put("time", "2025-07-01T12:03:00Z");
    return List.of(
        ApimRecord.call(c35, Samples.chatExampleRequest(), Samples.chatExampleResponse(), 200)
            .node(),
        ApimRecord.call(Samples.sessionRecordPath(), null, Samples.sessionRecordResponse(), 200)
            .node(),
        ApimRecord.call(
                "/openai/deployments/o1/chat/completions?api-version=2024-12-01-preview",
                Samples.chatExampleRequest(),
                Samples.promptCachingResponse(),
                200)
            .node(),
        ApimRecord.call(
                "/openai/v1/chat/completions",
                Samples.reasoningRequest(),
                Samples.reasoningResponse(),
                200)
            .node(),
        ApimRecord.call(
                "/openai/deployments/gpt-35-turbo-instruct/completions?api-version=2024-10-21",
                "{\"prompt\":\"hi\"}",
                Samples.contentFilterAnnotations(),
                200)
            .node(),
        ApimRecord.call(
                c4o, Samples.chatExampleRequest(), Samples.body("content-filter-400.json"), 400)
            .node(),
        ApimRecord.call(c4o, Samples.chatExampleRequest(), Samples.body("rate-limit-429.json"), 429)
            .node(),
        ApimRecord.call(
                c4o, Samples.body("chat-request-kindness.json"), Samples.asyncFilterStream(), 200)
            .node(),
        ApimRecord.call(
                c35,
                Samples.body("chat-request-parrot-stream.json"),
                Samples.parrotStream("gpt-35-turbo", true),
                200)
            .logBodiesUpTo(8192)
            .node(),
        ApimRecord.call(
                "/openai/v1/responses",
                Samples.body("responses-request.json"),
                Samples.body("responses-response.json"),
                200)
            .node(),
        ApimRecord.call(
                "/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21",
                Samples.body("embeddings-request.json"),
                Samples.body("embeddings-response.json"),
                200)
            .node(),
        nonLlm,
        Samples.gatewayLogsSample(),
        ApimRecord.llmLog("00000000-0000-4000-8000-000000000001", 33, 557));
  }

  /**
   * Event Hub bodies ({@link EventBody}, or {@link UnreadableInput} for a file line whose bytes are
   * not UTF-8) and how many records they hold.
   */
  record Batch(List<Object> bodies, int records) {}

  /** Byte sequences that are never UTF-8: Latin-1, a lone continuation, overlong, surrogate. */
  static final byte[][] BAD_BYTES = {
    {(byte) 0xE9},
    {(byte) 0x80},
    {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xFF},
    {(byte) 0xE2, (byte) 0x82}
  };

  /**
   * A file line as bytes with a sequence that is not UTF-8 spliced in, read as replay reads it: one
   * unreadable input for the whole line, whatever records it held.
   */
  static Object withBadBytes(Mutator m, String text, String source, int lineNo) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] bad = BAD_BYTES[m.nextInt(BAD_BYTES.length)];
    int at = m.nextInt(utf8.length + 1);
    byte[] b = new byte[utf8.length + bad.length];
    System.arraycopy(utf8, 0, b, 0, at);
    System.arraycopy(bad, 0, b, at, bad.length);
    System.arraycopy(utf8, at, b, at + bad.length, utf8.length - at);
    Utf8Decoder.Decoded d = new Utf8Decoder().decode(b);
    assertThat(d.valid()).as("spliced bytes are never UTF-8").isFalse();
    return UnreadableInput.invalidUtf8(
        SourcePosition.ofFile(source + ":" + lineNo, 0),
        "line " + lineNo + " of " + source,
        lineNo * 1000L,
        b,
        0,
        b.length,
        d.firstBadByte(),
        null);
  }

  /** Azure OpenAI resource-log records of every category (src/test/resources/resourcelogs). */
  static List<ObjectNode> resourceLogRecords() {
    List<ObjectNode> out = new ArrayList<>();
    for (String f : List.of("request-response", "audit", "trace", "usage", "bad-properties")) {
      Resources.json("resourcelogs/" + f + ".json")
          .get("records")
          .forEach(r -> out.add((ObjectNode) r.deepCopy()));
    }
    return out;
  }

  static List<ObjectNode> allRecords() {
    List<ObjectNode> all = new ArrayList<>(baseRecords());
    all.addAll(resourceLogRecords());
    return all;
  }

  static Batch batch(Mutator m, List<ObjectNode> base, int caseNo) {
    List<Object> bodies = new ArrayList<>();
    int records = 0;
    int nBodies = 1 + m.nextInt(3);
    for (int b = 0; b < nBodies; b++) {
      int k = 1 + m.nextInt(4);
      StringBuilder text = new StringBuilder();
      switch (m.nextInt(4)) {
        case 0 -> { // envelope
          ArrayNode list = NODES.arrayNode();
          for (int i = 0; i < k; i++) {
            list.add(element(m, base, caseNo, i));
          }
          ObjectNode env = NODES.objectNode();
          env.set("records", list);
          text.append(env);
        }
        case 1 -> { // JSON array
          ArrayNode list = NODES.arrayNode();
          for (int i = 0; i < k; i++) {
            list.add(element(m, base, caseNo, i));
          }
          text.append(list);
        }
        case 2 -> { // one record per line, some broken as text
          for (int i = 0; i < k; i++) {
            String line = record(m, base, caseNo, i).toString();
            if (m.nextInt(3) == 0) {
              line = m.mutateText(line);
            }
            text.append(line).append(i % 2 == 0 ? "\n" : "\r\n");
          }
        }
        default -> { // a bare record, maybe broken as text
          k = 1;
          String one = record(m, base, caseNo, 0).toString();
          text.append(m.nextBoolean() ? one : m.mutateText(one));
        }
      }
      if (m.nextInt(8) == 0) {
        bodies.add(withBadBytes(m, text.toString(), "case-" + caseNo + ".jsonl", b + 1));
        records += 1;
        continue;
      }
      records += k;
      bodies.add(
          m.nextBoolean()
              ? EventBody.ofText(text.toString(), "case-" + caseNo + ".jsonl")
              : new EventBody(
                  text.toString(),
                  String.valueOf(m.nextInt(4)),
                  (long) caseNo * 10 + b,
                  m.nextBoolean() ? Instant.parse("2025-07-01T12:05:00Z") : null,
                  "hub"));
    }
    return new Batch(bodies, records);
  }

  /** A record, mutated or not, with a correlation id of its own (or none at all). */
  static ObjectNode record(Mutator m, List<ObjectNode> base, int caseNo, int i) {
    ObjectNode r = base.get(m.nextInt(base.size())).deepCopy();
    if (r.has("correlationId") && m.nextInt(5) > 0) {
      r.put("correlationId", "case-" + caseNo + "-" + i);
    }
    return m.nextInt(5) == 0 ? r : m.mutate(r);
  }

  /** An element of an envelope or array: usually a record, sometimes no record at all. */
  static JsonNode element(Mutator m, List<ObjectNode> base, int caseNo, int i) {
    return m.nextInt(12) == 0 ? m.garbage(3) : record(m, base, caseNo, i);
  }

  /** What one run produced, rendered. */
  record Output(RunStats stats, CollectingSink sink) {
    List<String> ids() {
      List<String> ids = new ArrayList<>();
      sink.requests.forEach(r -> ids.add(r.origin().itemId()));
      sink.deadLetters.forEach(d -> ids.add(d.itemId()));
      sink.aggregates.forEach(a -> ids.add(WindowAggregator.itemId(a)));
      return ids;
    }
  }

  static Output process(Pipeline p, Batch batch, TollgateSink alsoTo) {
    CollectingSink collected = new CollectingSink(false);
    Run run = p.start(Sinks.tee(List.of(collected, alsoTo)));
    for (Object in : batch.bodies()) {
      if (in instanceof EventBody body) {
        run.accept(body);
      } else {
        run.unreadable((UnreadableInput) in);
      }
    }
    run.close();
    return new Output(run.stats(), collected);
  }

  @Test
  void everyRecordIsAccountedForOnceAndTheOutputIsDeterministic() throws IOException {
    Mutator m = new Mutator(new Random(SEED));
    List<ObjectNode> base = allRecords();
    Pipeline pipeline = Runs.pipeline(EnrichOptions.DEFAULTS.withMaskClientIp(true));
    long records = 0;
    long deadLetters = 0;
    long requests = 0;
    long unreadable = 0;
    long resourceLogs = 0;
    try (JsonLinesSink files = new JsonLinesSink(dir)) {
      for (int c = 0; c < CASES; c++) {
        Batch batch = batch(m, base, c);
        String what = "case " + c + " (seed " + SEED + ")";
        Output first = process(pipeline, batch, files);
        RunStats s = first.stats();
        CollectingSink out = first.sink();

        assertThat(s.records()).as(what + ": records counted").isEqualTo(batch.records());
        assertThat(out.requests.size() + out.deadLetters.size() + s.llmLogRecords())
            .as(what + ": records emitted")
            .isEqualTo(batch.records());
        assertThat(s.llmRequests() + s.otherRequests() + s.resourceLogRecords())
            .as(what)
            .isEqualTo(out.requests.size());
        assertThat(s.deadLetterCount()).as(what).isEqualTo(out.deadLetters.size());
        for (DeadLetter d : out.deadLetters) {
          assertThat(d.reason()).as(what + ": dead letter reason").isNotBlank();
          assertThat(d.raw()).as(what + ": dead letter keeps its input").isNotNull();
          assertThat(d.itemId()).as(what).startsWith("dl:");
          if (d.rawEncoding() == DeadLetter.RawEncoding.BASE64) {
            assertThat(Base64.getDecoder().decode(d.raw())).as(what + ": raw bytes").isNotEmpty();
            unreadable++;
          }
        }
        for (LlmRequest r : out.requests) {
          assertThat(r.origin().itemId()).as(what).matches("(req|aoai):.+");
          assertThat(r.origin().time()).as(what).isNotNull();
          if (r.price().cost().usd() != null) {
            assertThat(r.price().cost().usd().signum())
                .as(what + ": cost is never negative")
                .isNotNegative();
          }
        }

        // the account's view never adds to the gateway's spend
        BigDecimal gatewayCost =
            out.requests.stream()
                .filter(r -> RecordKind.of(r) != RecordKind.OPENAI_RESOURCE_LOG)
                .map(r -> r.price().cost().usd())
                .filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(s.costUsd()).as(what + ": run cost").isEqualByComparingTo(gatewayCost);

        Output again = process(pipeline, batch, new CollectingSink(false));
        assertThat(again.ids()).as(what + ": same ids").isEqualTo(first.ids());
        assertThat(again.sink().text).as(what + ": same output").isEqualTo(first.sink().text);

        records += batch.records();
        deadLetters += out.deadLetters.size();
        requests += out.requests.size();
        resourceLogs += s.resourceLogRecords();
      }
    }
    // the cases covered both outcomes in earnest
    assertThat(records).isGreaterThan(CASES * 2L);
    assertThat(deadLetters).isGreaterThan(records / 20);
    assertThat(requests).isGreaterThan(records / 2);
    assertThat(unreadable).isGreaterThan(CASES / 20);
    assertThat(resourceLogs).as("resource logs were among them").isGreaterThan(CASES / 4L);
    assertThat(Files.size(dir.resolve(JsonLinesSink.REQUESTS))).isPositive();
    assertThat(Files.size(dir.resolve(JsonLinesSink.DEAD_LETTERS))).isPositive();
    System.out.printf(
        "robustness: %d cases, %d records, %d requests, %d dead letters (%d not UTF-8)%n",
        CASES, records, requests, deadLetters, unreadable);
  }
}
