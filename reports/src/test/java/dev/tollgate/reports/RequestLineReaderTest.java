package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLineReaderTest {
  @Test
  void readsTheKeysAReportNeedsAndSkipsTheRest() throws Exception {
    UsageRecord r =
        RequestLineReader.parse(
            "{\"time\":\"2025-06-10T08:00:00.5Z\",\"gen_ai.provider.name\":\"azure.ai.openai\","
                + "\"tollgate.content_filter\":[\"a\",{\"b\":[1,2]}],\"gen_ai.request.model\":\"d1\","
                + "\"azure.openai.deployment\":\"d1\",\"gen_ai.usage.input_tokens\":120,"
                + "\"gen_ai.usage.output_tokens\":30,\"gen_ai.usage.cache_read.input_tokens\":20,"
                + "\"gen_ai.usage.reasoning.output_tokens\":10,\"tollgate.usage.source\":\"estimated\","
                + "\"tollgate.cost.usd\":0.000002625,\"tollgate.cost.status\":\"priced\","
                + "\"apim.subscription_id\":\"team-a\",\"error.type\":\"rate_limited\","
                + "\"tollgate.item_id\":\"req:1\",\"extra\":{\"nested\":true}}");
    assertThat(r.time()).isEqualTo(Instant.parse("2025-06-10T08:00:00.5Z"));
    assertThat(r.llm()).isTrue();
    assertThat(r.team()).isEqualTo("team-a");
    assertThat(r.product()).isEqualTo(UsageRecord.NONE);
    assertThat(r.model()).isEqualTo("d1"); // no response model: the request model
    assertThat(r.inputTokens()).isEqualTo(120);
    assertThat(r.cachedInputTokens()).isEqualTo(20);
    assertThat(r.reasoningTokens()).isEqualTo(10);
    assertThat(r.costUsd()).isEqualByComparingTo("0.000002625");
    assertThat(r.costUsd().toPlainString()).isEqualTo("0.000002625");
    assertThat(r.estimated()).isTrue();
    assertThat(r.rateLimited()).isTrue();
    assertThat(r.itemId()).isEqualTo("req:1");
  }

  @Test
  void toleratesNullsOddTypesAndOffsets() throws Exception {
    UsageRecord r =
        RequestLineReader.parse(
            "{\"time\":\"2025-06-10T10:00:00+02:00\",\"tollgate.llm\":true,"
                + "\"gen_ai.usage.input_tokens\":null,\"gen_ai.usage.output_tokens\":-4,"
                + "\"tollgate.cost.usd\":\"0.5\",\"apim.subscription_id\":\"  \"}");
    assertThat(r.time()).isEqualTo(Instant.parse("2025-06-10T08:00:00Z"));
    assertThat(r.llm()).isTrue();
    assertThat(r.inputTokens()).isZero();
    assertThat(r.outputTokens()).isZero();
    assertThat(r.costUsd()).isEqualByComparingTo("0.5");
    assertThat(r.team()).isEqualTo(UsageRecord.NONE);
    assertThat(r.model()).isEqualTo(UsageRecord.NONE);

    UsageRecord other = RequestLineReader.parse("{\"time\":\"yesterday\",\"tollgate.llm\":false}");
    assertThat(other.llm()).isFalse();
    assertThat(other.time()).isNull();
    assertThat(RequestLineReader.parse("   ")).isNull();
  }

  @Test
  void resourceLogLinesAreMarkedAsTheAccountsView() throws Exception {
    String line =
        "{\"time\":\"2026-11-20T09:00:03Z\",\"tollgate.llm\":true,"
            + "\"gen_ai.provider.name\":\"azure.ai.openai\",\"tollgate.cost.usd\":0.5,"
            + "\"tollgate.record.category\":\"%s\"}";
    // the report keeps these out of spend by category and compares them with the gateway's
    // (GatewayBypassReportTest); the reader only has to tell them apart
    UsageRecord account = RequestLineReader.parse(line.formatted("RequestResponse"));
    assertThat(account.resourceLog()).isTrue();
    assertThat(account.accountRequest()).isTrue();
    assertThat(RequestLineReader.parse(line.formatted("AzureOpenAIRequestUsage")).resourceLog())
        .isTrue();
    UsageRecord gateway = RequestLineReader.parse(line.formatted("GatewayLogs"));
    assertThat(gateway.resourceLog()).isFalse();
    assertThat(gateway.llm()).isTrue();
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    assertThatThrownBy(() -> RequestLineReader.parse("[1,2]")).hasMessageContaining("object");
    assertThatThrownBy(() -> RequestLineReader.parse("{\"a\":1} {\"b\":2}"))
        .hasMessageContaining("single");
    assertThatThrownBy(() -> RequestLineReader.parse("{\"time\": \"2025"))
        .isInstanceOf(RequestLineReader.MalformedLineException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void namedValuesMapLikeALineWithTheSameKeys() throws Exception {
    Map<String, Object> row = new HashMap<>();
    row.put("time", Instant.parse("2025-06-10T08:00:00Z"));
    row.put("tollgate.item_id", "req:1");
    row.put("tollgate.llm", true);
    row.put("apim.subscription_id", "team-a");
    row.put("apim.product_id", "");
    row.put("azure.openai.deployment", "d1");
    row.put("gen_ai.response.model", "");
    row.put("gen_ai.request.model", "gpt-4o");
    row.put("gen_ai.usage.input_tokens", 120L);
    row.put("gen_ai.usage.output_tokens", -3L);
    row.put("gen_ai.usage.cache_read.input_tokens", "20");
    row.put("gen_ai.usage.reasoning.output_tokens", null);
    row.put("tollgate.cost.usd", 0.00725);
    row.put("tollgate.cost.status", "priced");
    row.put("error.type", " ");
    row.put("item_count", 1L);

    UsageRecord r = RequestLineReader.fromValues(row);

    UsageRecord same =
        RequestLineReader.parse(
            "{\"time\":\"2025-06-10T08:00:00Z\",\"tollgate.item_id\":\"req:1\","
                + "\"tollgate.llm\":true,\"apim.subscription_id\":\"team-a\","
                + "\"azure.openai.deployment\":\"d1\",\"gen_ai.request.model\":\"gpt-4o\","
                + "\"gen_ai.usage.input_tokens\":120,\"gen_ai.usage.cache_read.input_tokens\":20,"
                + "\"tollgate.cost.usd\":0.00725,\"tollgate.cost.status\":\"priced\"}");
    assertThat(r).isEqualTo(same);
    assertThat(r.costUsd()).isEqualTo(new BigDecimal("0.00725"));
    assertThat(r.product()).isEqualTo(UsageRecord.NONE);
    assertThat(r.failed()).isFalse();
    assertThat(RequestLineReader.keys()).startsWith("time").contains("error.type").hasSize(29);
  }

  @Test
  void namedValuesThatCannotBeWhatTheKeyHoldsAreNamed() {
    assertThatThrownBy(
            () -> RequestLineReader.fromValues(Map.of("gen_ai.usage.input_tokens", "many")))
        .isInstanceOf(RequestLineReader.MalformedLineException.class)
        .hasMessageContaining("gen_ai.usage.input_tokens");
    assertThatThrownBy(() -> RequestLineReader.fromValues(Map.of("time", "yesterday")))
        .hasMessageContaining("time");
    assertThatThrownBy(() -> RequestLineReader.fromValues(Map.of("tollgate.cost.usd", Double.NaN)))
        .hasMessageContaining("tollgate.cost.usd");
  }

  @Test
  void readsTheCostBreakdownPriceRefAndTheAccountsIdAndRegion() throws Exception {
    UsageRecord r =
        RequestLineReader.parse(
            "{\"time\":\"2025-06-10T08:00:00Z\",\"tollgate.cost.usd\":0.00725,"
                + "\"tollgate.price.ref\":\"gpt-4o/global@2024-11-20 (list)\","
                + "\"tollgate.cost.breakdown\":{\"input\":0.002,\"cached_input\":\"0.00025\","
                + "\"output\":5E-3},\"cloud.region\":\"swedencentral\","
                + "\"azure.openai.resource_id\":\"/SUBSCRIPTIONS/S/ACCOUNTS/A\"}");
    assertThat(r.costBreakdown())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "input", new BigDecimal("0.002"),
                "cached_input", new BigDecimal("0.00025"),
                "output", new BigDecimal("5E-3")));
    assertThat(r.priceRef()).isEqualTo("gpt-4o/global@2024-11-20 (list)");
    assertThat(r.region()).isEqualTo("swedencentral");
    assertThat(r.resourceId()).isEqualTo("/SUBSCRIPTIONS/S/ACCOUNTS/A");
    // older lines and null: no breakdown; a damaged one reads as none, the line itself stays
    assertThat(RequestLineReader.parse("{\"tollgate.cost.usd\":1}").costBreakdown()).isNull();
    assertThat(
            RequestLineReader.parse("{\"tollgate.cost.breakdown\":null,\"tollgate.cost.usd\":1}")
                .costBreakdown())
        .isNull();
    for (String bad :
        new String[] {"{\"input\":\"lots\"}", "[0.1]", "\"0.1\"", "{\"input\":{\"a\":1}}"}) {
      UsageRecord d =
          RequestLineReader.parse(
              "{\"tollgate.cost.breakdown\":" + bad + ",\"tollgate.cost.usd\":1,\"x\":2}");
      assertThat(d.costBreakdown()).as(bad).isNull();
      assertThat(d.costUsd()).as(bad).isEqualByComparingTo("1");
    }
    // a query row: the dynamic value as a map or as its JSON text
    Map<String, Object> row = new HashMap<>();
    row.put("tollgate.cost.breakdown", Map.of("input", 0.002, "output", "0.005"));
    assertThat(RequestLineReader.fromValues(row).costBreakdown())
        .containsEntry("input", new BigDecimal("0.002"))
        .containsEntry("output", new BigDecimal("0.005"));
    row.put("tollgate.cost.breakdown", "{\"input\":0.002}");
    assertThat(RequestLineReader.fromValues(row).costBreakdown())
        .containsExactlyEntriesOf(Map.of("input", new BigDecimal("0.002")));
    row.put("tollgate.cost.breakdown", "{\"input\":");
    assertThat(RequestLineReader.fromValues(row).costBreakdown()).isNull();
  }

  @Test
  void theConstructorWithoutTheBreakdownStillBuildsARecord() {
    UsageRecord r =
        new UsageRecord(
            null,
            "i",
            true,
            "t",
            "p",
            "d",
            "m",
            1,
            2,
            0,
            0,
            "reported",
            BigDecimal.ONE,
            "priced",
            null,
            null,
            "ACC");
    assertThat(r.account()).isEqualTo("acc");
    assertThat(r.costBreakdown()).isNull();
    assertThat(r.priceRef()).isNull();
  }
}
