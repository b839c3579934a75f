package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Runs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Usage no call can have is kept on the record with what was claimed, never priced, and kept out of
 * the token sums, but counted. Asserted on the output lines (requests.jsonl, aggregates.jsonl).
 */
class ImplausibleUsageTest {
  static final String REQUEST = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

  static String chat(String model, String usage) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\""
        + (model == null ? "" : ",\"model\":\"" + model + "\"")
        + ",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"}}],\"usage\":"
        + usage
        + "}";
  }

  static ApimRecord call(String deployment, String response, String correlationId) {
    return ApimRecord.call(
            "/openai/deployments/" + deployment + "/chat/completions?api-version=2024-10-21",
            REQUEST,
            response,
            200)
        .correlationId(correlationId);
  }

  static ObjectNode line(String deployment, String response) {
    Runs.Result r = Runs.one(call(deployment, response, "c-1").node());
    assertThat(r.sink().requestLines).hasSize(1);
    return r.sink().requestLines.get(0);
  }

  static void assertImplausible(ObjectNode line, String claim) {
    assertThat(line.path("tollgate.cost.status").asText()).isEqualTo("implausible_usage");
    assertThat(line.get("tollgate.cost.usd").isNull()).isTrue();
    assertThat(line.path("tollgate.usage.invalid").asText()).isEqualTo(claim);
    // no count a sum could pick up
    for (String k :
        List.of(
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.reasoning.output_tokens")) {
      assertThat(line.get(k).isNull()).as(k).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "negative | {\"prompt_tokens\":-5,\"completion_tokens\":7,\"total_tokens\":2}"
            + " | prompt_tokens=-5 is negative",
        "fractional | {\"prompt_tokens\":10,\"completion_tokens\":12.5,\"total_tokens\":22.5}"
            + " | completion_tokens=12.5 is not a whole number",
        "non-numeric string | {\"prompt_tokens\":\"abc\",\"completion_tokens\":7}"
            + " | prompt_tokens=\"abc\" is not a number",
        "an object | {\"input_tokens\":{\"n\":3},\"output_tokens\":7}"
            + " | input_tokens={\"n\":3} is not a number",
        "beyond long | {\"prompt_tokens\":1e20,\"completion_tokens\":7}"
            + " | prompt_tokens=1.0E20 is beyond any token count",
        "nested cached | {\"prompt_tokens\":10,\"completion_tokens\":7,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":-1}}"
            + " | prompt_tokens_details.cached_tokens=-1 is negative",
        "2^53+1 on gpt-4o | {\"prompt_tokens\":9007199254740993,\"completion_tokens\":7}"
            + " | input_tokens=9007199254740993 exceeds the context window of gpt-4o (128000)",
        "50M on gpt-4o | {\"prompt_tokens\":50000000,\"completion_tokens\":7}"
            + " | input_tokens=50000000 exceeds the context window of gpt-4o (128000)",
        "output over gpt-4o | {\"prompt_tokens\":10,\"completion_tokens\":16385}"
            + " | output_tokens=16385 exceeds the output limit of gpt-4o (16384)",
      })
  void implausibleUsageIsKeptMarkedAndNotPriced(String shape, String usage, String claim) {
    ObjectNode line = line("gpt-4o", chat("gpt-4o-2024-11-20", usage));
    assertImplausible(line, claim.strip());
    assertThat(line.path("tollgate.usage.source").asText()).isEqualTo("reported");
  }

  @Test
  void embeddingsUsageWithABadCountIsNotPricedAsZeroOutput() {
    // embeddings report no output; the zero Tollgate fills in must not make bad usage look good
    Runs.Result r =
        Runs.one(
            ApimRecord.call(
                    "/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21",
                    "{\"input\":\"hello\"}",
                    "{\"object\":\"list\",\"model\":\"text-embedding-3-small\","
                        + "\"usage\":{\"prompt_tokens\":-8,\"total_tokens\":-8}}",
                    200)
                .node());
    assertImplausible(r.sink().requestLines.get(0), "prompt_tokens=-8 is negative");
  }

  @Test
  void exactlyAtTheModelsLimitsIsPriced() {
    ObjectNode line =
        line(
            "gpt-4o",
            chat("gpt-4o-2024-11-20", "{\"prompt_tokens\":128000,\"completion_tokens\":16384}"));
    assertThat(line.path("tollgate.cost.status").asText()).isEqualTo("priced");
    // 128,000 x 2.50 + 16,384 x 10.00 = 320,000 + 163,840 micro-dollars
    assertThat(line.path("tollgate.cost.usd").decimalValue()).isEqualByComparingTo("0.48384");
    assertThat(line.get("tollgate.usage.invalid").isNull()).isTrue();
  }

  @Test
  void wholeNumbersWrittenAsTextOrWithAZeroFractionStillCount() {
    ObjectNode line =
        line(
            "gpt-4o",
            chat("gpt-4o-2024-11-20", "{\"prompt_tokens\":\"12\",\"completion_tokens\":3.0}"));
    assertThat(line.path("tollgate.cost.status").asText()).isEqualTo("priced");
    assertThat(line.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(12);
    assertThat(line.path("gen_ai.usage.output_tokens").asLong()).isEqualTo(3);
  }

  @Test
  void aModelWithoutKnownLimitsGetsTheFixedCeiling() {
    // pirate-ft: not in the catalog; 10,000,000 is allowed, one more is not
    ObjectNode atCeiling =
        line("pirate-ft", chat(null, "{\"prompt_tokens\":10000000,\"completion_tokens\":1}"));
    assertThat(atCeiling.path("tollgate.cost.status").asText()).isEqualTo("unpriced_model");
    assertThat(atCeiling.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(10_000_000L);

    ObjectNode over =
        line("pirate-ft", chat(null, "{\"prompt_tokens\":10000001,\"completion_tokens\":1}"));
    assertImplausible(
        over,
        "input_tokens=10000001 exceeds 10000000, the ceiling for a model without known limits"
            + " (pirate-ft)");
  }

  @Test
  void anEstimateBeyondTheLimitIsImplausibleToo() {
    // No usage in a cut stream: the count over the kept bytes is scaled by the logged size. A
    // size claiming a terabyte makes an estimate no call can have.
    String stream =
        "data: {\"id\":\"c\",\"model\":\"gpt-4o-2024-11-20\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"Hello there\"}}]}\n\n";
    ObjectNode record = call("gpt-4o", stream, "c-est").node();
    ((ObjectNode) record.get("properties")).set("responseSize", LongNode.valueOf(1L << 40));
    ObjectNode line = Runs.one(record).sink().requestLines.get(0);
    assertThat(line.path("tollgate.usage.source").asText()).isEqualTo("estimated");
    assertThat(line.path("tollgate.cost.status").asText()).isEqualTo("implausible_usage");
    assertThat(line.path("tollgate.usage.invalid").asText())
        .startsWith("output_tokens=")
        .endsWith("exceeds the output limit of gpt-4o (16384)");
  }

  @Test
  void aggregatesCountImplausibleUsageAndLeaveItsTokensOut() {
    String good = chat("gpt-4o-2024-11-20", "{\"prompt_tokens\":100,\"completion_tokens\":10}");
    String huge =
        chat("gpt-4o-2024-11-20", "{\"prompt_tokens\":9007199254740993,\"completion_tokens\":7}");
    String negative = chat("gpt-4o-2024-11-20", "{\"prompt_tokens\":-3,\"completion_tokens\":7}");
    Runs.Result r =
        Runs.run(
            Runs.envelope(
                call("gpt-4o", good, "a").node(),
                call("gpt-4o", huge, "b").node(),
                call("gpt-4o", good, "c").node(),
                call("gpt-4o", negative, "d").node()));

    assertThat(r.stats().llmRequests()).isEqualTo(4);
    assertThat(r.stats().implausibleUsage()).isEqualTo(2);
    // two good calls: 2 x (100 x 2.50 + 10 x 10.00) = 700 micro-dollars
    assertThat(r.stats().costUsd()).isEqualByComparingTo("0.0007");

    assertThat(r.sink().aggregateLines).hasSize(1);
    JsonNode a = r.sink().aggregateLines.get(0);
    assertThat(a.path("requests").asLong()).isEqualTo(4);
    assertThat(a.path("requests.implausible_usage").asLong()).isEqualTo(2);
    assertThat(a.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(200);
    assertThat(a.path("gen_ai.usage.output_tokens").asLong()).isEqualTo(20);
    assertThat(a.path("tollgate.cost.usd").decimalValue()).isEqualByComparingTo("0.0007");
  }

  @Test
  void aProvisionedDeploymentStillShowsImplausibleUsage() {
    Runs.Result r =
        Runs.run(
            Runs.pipeline(
                new EnrichOptions(
                    false,
                    null,
                    DeploymentType.GLOBAL,
                    Map.of("gpt-4o", DeploymentType.PROVISIONED))),
            Runs.envelope(
                call(
                        "gpt-4o",
                        chat("gpt-4o", "{\"prompt_tokens\":50000000,\"completion_tokens\":1}"),
                        "p")
                    .node()));
    assertThat(r.sink().requestLines.get(0).path("tollgate.cost.status").asText())
        .isEqualTo("implausible_usage");
    assertThat(r.stats().implausibleUsage()).isEqualTo(1);
  }
}
