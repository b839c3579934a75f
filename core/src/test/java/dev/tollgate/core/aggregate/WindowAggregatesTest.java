package dev.tollgate.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAggregatesTest {
  static final String CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";

  static final String SMALL =
      "{\"id\":\"chatcmpl-1\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

  static int seq;

  static ApimRecord ok() {
    return ApimRecord.call(CHAT, Samples.chatExampleRequest(), Samples.chatExampleResponse(), 200)
        .correlationId("corr-" + seq++);
  }

  static ApimRecord failed(int status, String body) {
    return ApimRecord.call(CHAT, Samples.chatExampleRequest(), body, status)
        .correlationId("corr-" + seq++);
  }

  static Runs.Result run(List<ObjectNode> records) {
    return Runs.run(
        new EventBody(
            Runs.envelope(records.toArray(new JsonNode[0])).text(),
            "3",
            77L,
            Instant.parse("2025-07-01T13:00:00Z"),
            "hub/3"));
  }

  @Test
  void windowsFollowTheRequestsOwnTimeNotTheEnqueuedTime() {
    Runs.Result r =
        run(
            List.of(
                ok().time("2025-07-01T12:00:59.9999999Z").node(),
                ok().time("2025-07-01T12:01:00.0000000Z").node(),
                ok().time("2025-07-01T12:01:59.5Z").node()));

    assertThat(r.sink().aggregates)
        .extracting(a -> a.key().windowStart())
        .containsExactly(
            Instant.parse("2025-07-01T12:00:00Z"), Instant.parse("2025-07-01T12:01:00Z"));
    assertThat(r.sink().aggregates).extracting(WindowAggregate::requests).containsExactly(1L, 2L);
    ObjectNode line = r.sink().aggregateLines.get(1);
    assertThat(line.get("window_start").asText()).isEqualTo("2025-07-01T12:01:00Z");
    assertThat(line.get("window_end").asText()).isEqualTo("2025-07-01T12:02:00Z");
    assertThat(line.get("gen_ai.usage.input_tokens").asLong()).isEqualTo(66);
    // 2 x 0.000852 (gpt-4o here: 33 x 2.5 + 557 x 10 = 5652.5 micro-dollars each)
    assertThat(line.get("tollgate.cost.usd").decimalValue()).isEqualByComparingTo("0.011305");
  }

  @Test
  void dimensionsSeparateWindows() {
    Runs.Result r =
        run(
            List.of(
                ok().subscription("team-a").node(),
                ok().subscription("team-b").node(),
                ok().subscription("team-b").node(),
                ApimRecord.call(
                        "/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21",
                        Samples.chatExampleRequest(),
                        Samples.chatExampleResponse(),
                        200)
                    .subscription("team-b")
                    .node()));
    assertThat(r.sink().aggregates)
        .extracting(a -> a.key().deployment() + "/" + a.key().subscriptionId() + "=" + a.requests())
        .containsExactly("gpt-35-turbo/team-b=1", "gpt-4o/team-a=1", "gpt-4o/team-b=2");
  }

  @Test
  void errorsAreCountedByClass() {
    ObjectNode quota =
        failed(403, "{\"statusCode\":403,\"message\":\"Out of token quota.\"}").node();
    ((ObjectNode) quota.get("properties"))
        .set(
            "lastError",
            Resources.parse(
                "{\"source\":\"llm-token-limit\",\"reason\":\"QuotaExceeded\",\"message\":\"Token quota is exceeded.\"}"));
    Runs.Result r =
        run(
            List.of(
                ok().node(),
                ok().node(),
                failed(429, Samples.body("rate-limit-429.json")).node(),
                quota,
                failed(504, null).durationMs(120_034).node(),
                failed(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"oops\"}}")
                    .node(),
                failed(400, "{\"error\":{\"code\":\"invalid_request_error\",\"message\":\"x\"}}")
                    .node(),
                failed(400, Samples.body("content-filter-400.json")).node()));

    WindowAggregate a = r.sink().aggregates.get(0);
    assertThat(r.sink().aggregates).hasSize(1);
    assertThat(a.requests()).isEqualTo(8);
    assertThat(a.errors())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                ErrorType.RATE_LIMITED, 2L,
                ErrorType.TIMEOUT, 1L,
                ErrorType.SERVER_ERROR, 1L,
                ErrorType.CLIENT_ERROR, 1L,
                ErrorType.CONTENT_FILTER, 1L));
    assertThat(a.errorCount()).isEqualTo(6);
    assertThat(a.contentFiltered()).isEqualTo(1);
    ObjectNode line = r.sink().aggregateLines.get(0);
    assertThat(line.get("errors").asLong()).isEqualTo(6);
    assertThat(line.get("errors.rate_limited").asLong()).isEqualTo(2);
    assertThat(line.get("errors.timeout").asLong()).isEqualTo(1);
    assertThat(line.get("errors.content_filter").asLong()).isEqualTo(1);
    // only the two successful calls have tokens
    assertThat(a.inputTokens()).isEqualTo(66);
    assertThat(a.outputTokens()).isEqualTo(1114);
  }

  static WindowAggregate withDurations(long... durations) {
    List<ObjectNode> records = new ArrayList<>();
    for (long d : durations) {
      // a small body: only the duration matters here
      records.add(
          ApimRecord.call(CHAT, null, SMALL, 200)
              .correlationId("corr-" + seq++)
              .durationMs(d)
              .backendTime(0)
              .node());
    }
    Runs.Result r = run(records);
    assertThat(r.sink().aggregates).hasSize(1);
    return r.sink().aggregates.get(0);
  }

  @Test
  void percentilesComeFromTheHistogram() {
    long[] d = new long[100];
    for (int i = 0; i < 100; i++) {
      d[i] = 100 - i; // 100, 99, ..., 1: order does not matter
    }
    WindowAggregate a = withDurations(d);
    assertThat(a.durationCount()).isEqualTo(100);
    assertThat(a.durationSum()).isEqualTo(5050);
    assertThat(a.durationMin()).isEqualTo(1);
    assertThat(a.durationMax()).isEqualTo(100);
    // nearest rank: p50 is the 50th of 100 values, p95 the 95th, p99 the 99th
    assertThat(a.durationPercentile(50)).isEqualTo(50);
    assertThat(a.durationPercentile(95)).isEqualTo(95);
    assertThat(a.durationPercentile(99)).isEqualTo(99);
  }

  @Test
  void largeDurationsArePercentilesWithinTheHistogramsPrecisionAndNeverAboveTheMax() {
    Random random = new Random(42);
    long[] d = new long[500];
    for (int i = 0; i < d.length; i++) {
      d[i] = 200 + random.nextInt(60_000);
    }
    WindowAggregate a = withDurations(d);
    long[] sorted = d.clone();
    Arrays.sort(sorted);
    for (double p : new double[] {50, 95, 99}) {
      long exact = sorted[(int) Math.ceil(p / 100 * sorted.length) - 1];
      assertThat(a.durationPercentile(p)).as("p%s", p).isCloseTo(exact, within(exact / 100 + 1));
    }
    assertThat(a.durationMin()).isEqualTo(sorted[0]);
    assertThat(a.durationMax()).isEqualTo(sorted[sorted.length - 1]);
    assertThat(a.durationPercentile(99)).isLessThanOrEqualTo(a.durationMax());

    // one request: every percentile is its duration
    WindowAggregate one = withDurations(1001);
    assertThat(one.durationMin()).isEqualTo(1001);
    assertThat(one.durationMax()).isEqualTo(1001);
    assertThat(one.durationPercentile(50)).isEqualTo(1001);
    assertThat(one.durationPercentile(99)).isEqualTo(1001);
  }

  static org.assertj.core.data.Offset<Long> within(long v) {
    return org.assertj.core.data.Offset.offset(v);
  }

  @Test
  void bucketBoundsAreInclusiveAndExact() {
    WindowAggregate a =
        withDurations(
            0, 90, 100, 101, 250, 251, 499, 500, 501, 999, 1000, 1001, 2500, 2501, 4999, 5000, 5001,
            10_000, 10_001, 30_000, 30_001, 60_000, 60_001, 120_000, 120_001, 3_600_000);
    assertThat(a.durationBuckets()).containsExactly(3, 2, 3, 3, 2, 3, 2, 2, 2, 2, 2);
    assertThat(Arrays.stream(a.durationBuckets()).sum()).isEqualTo(a.durationCount());
  }

  @Test
  void bucketCountsSumToTheCountAndMatchANaiveCount() {
    Random random = new Random(7);
    for (int round = 0; round < 5; round++) {
      long[] d = new long[40 + random.nextInt(40)];
      for (int i = 0; i < d.length; i++) {
        d[i] = (long) Math.exp(random.nextDouble() * Math.log(300_000));
      }
      WindowAggregate a = withDurations(d);
      long[] naive = new long[WindowAggregate.LATENCY_BUCKETS_MS.size() + 1];
      for (long v : d) {
        int i = 0;
        while (i < WindowAggregate.LATENCY_BUCKETS_MS.size()
            && v > WindowAggregate.LATENCY_BUCKETS_MS.get(i)) {
          i++;
        }
        naive[i]++;
      }
      assertThat(a.durationBuckets()).containsExactly(naive);
      assertThat(Arrays.stream(a.durationBuckets()).sum()).isEqualTo(d.length);
    }
  }

  @Test
  void twoPartialAggregatesSumToTheWhole() {
    Random random = new Random(2025);
    List<ObjectNode> records = new ArrayList<>();
    String[] deployments = {"gpt-4o", "gpt-35-turbo", "o1"};
    for (int i = 0; i < 80; i++) {
      String dep = deployments[random.nextInt(deployments.length)];
      String path = "/openai/deployments/" + dep + "/chat/completions?api-version=2024-10-21";
      String body;
      int status = 200;
      switch (random.nextInt(6)) {
        case 0 -> body = Samples.promptCachingResponse();
        case 1 -> body = Samples.withoutUsage(Samples.chatExampleResponse()); // estimated
        case 2 -> {
          body = Samples.body("rate-limit-429.json");
          status = 429;
        }
        case 3 -> {
          body = Samples.body("content-filter-400.json");
          status = 400;
        }
        default -> body = Samples.chatExampleResponse();
      }
      ApimRecord rec =
          ApimRecord.call(path, Samples.chatExampleRequest(), body, status)
              .correlationId("split-" + i)
              .time(
                  String.format("2025-07-01T12:0%d:%02d.5Z", random.nextInt(3), random.nextInt(60)))
              .subscription(random.nextBoolean() ? "team-a" : "team-b")
              .durationMs(random.nextInt(130_000));
      if (random.nextInt(10) == 0) {
        rec = rec.top("durationMs", Resources.parse("null"));
      }
      records.add(rec.node());
    }
    Map<String, ObjectNode> whole = byKey(run(records).sink().aggregateLines);
    List<ObjectNode> even = new ArrayList<>();
    List<ObjectNode> odd = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      (i % 2 == 0 ? even : odd).add(records.get(i));
    }
    Map<String, ObjectNode> a = byKey(run(even).sink().aggregateLines);
    Map<String, ObjectNode> b = byKey(run(odd).sink().aggregateLines);

    assertThat(whole.keySet()).containsAll(a.keySet()).containsAll(b.keySet());
    assertThat(whole.size()).isGreaterThan(10);
    int checked = 0;
    for (Map.Entry<String, ObjectNode> e : whole.entrySet()) {
      ObjectNode w = e.getValue();
      ObjectNode pa = a.get(e.getKey());
      ObjectNode pb = b.get(e.getKey());
      for (String field : additiveFields(w)) {
        BigDecimal sum = value(pa, field).add(value(pb, field));
        assertThat(sum).as("%s %s", e.getKey(), field).isEqualByComparingTo(value(w, field));
        checked++;
      }
      if (!w.get("duration_ms.min").isNull()) {
        assertThat(minOf(pa, pb, "duration_ms.min")).isEqualTo(w.get("duration_ms.min").asLong());
        assertThat(maxOf(pa, pb, "duration_ms.max")).isEqualTo(w.get("duration_ms.max").asLong());
      }
    }
    assertThat(checked).isGreaterThan(whole.size() * 20);
  }

  /** Every number of an aggregate line except the ones that do not add (min, max, percentiles). */
  static List<String> additiveFields(ObjectNode line) {
    List<String> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = line.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (e.getValue().isNumber()
          && !k.endsWith(".min")
          && !k.endsWith(".max")
          && !k.matches(".*\\.p\\d+")) {
        out.add(k);
      } else if (e.getValue().isObject()) {
        e.getValue().fieldNames().forEachRemaining(n -> out.add(k + "/" + n));
      }
    }
    return out;
  }

  static BigDecimal value(ObjectNode line, String field) {
    if (line == null) {
      return BigDecimal.ZERO;
    }
    JsonNode v = field.contains("/") ? line.at("/" + field.replace("/", "/")) : line.get(field);
    if (field.contains("/")) {
      String[] p = field.split("/");
      v = line.get(p[0]).get(p[1]);
    }
    return v == null || v.isNull() ? BigDecimal.ZERO : v.decimalValue();
  }

  static long minOf(ObjectNode a, ObjectNode b, String f) {
    return Math.min(
        a == null || a.get(f).isNull() ? Long.MAX_VALUE : a.get(f).asLong(),
        b == null || b.get(f).isNull() ? Long.MAX_VALUE : b.get(f).asLong());
  }

  static long maxOf(ObjectNode a, ObjectNode b, String f) {
    return Math.max(
        a == null || a.get(f).isNull() ? Long.MIN_VALUE : a.get(f).asLong(),
        b == null || b.get(f).isNull() ? Long.MIN_VALUE : b.get(f).asLong());
  }

  static Map<String, ObjectNode> byKey(List<ObjectNode> lines) {
    Map<String, ObjectNode> m = new HashMap<>();
    for (ObjectNode l : lines) {
      String key =
          l.get("window_start").asText()
              + "|"
              + l.get("azure.openai.deployment").asText()
              + "|"
              + l.get("gen_ai.response.model").asText()
              + "|"
              + l.get("apim.subscription_id").asText()
              + "|"
              + l.get("gen_ai.operation.name").asText();
      assertThat(m.put(key, l)).as("one line per key").isNull();
    }
    return m;
  }
}
