package dev.tollgate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.output.RequestFields;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resource-log records (src/test/resources/resourcelogs) through the whole pipeline, next to a
 * gateway record of the same account: one line each, the account's view counted apart from the
 * gateway's, nothing priced that has no counts.
 */
class ResourceLogPipelineTest {

  static EventBody file(String name) {
    return EventBody.ofText(Resources.text("resourcelogs/" + name), name);
  }

  static ObjectNode gatewayCall() {
    return ApimRecord.call(
            "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            Samples.chatExampleRequest(),
            Samples.chatExampleResponse(),
            200)
        .node();
  }

  static Runs.Result all() {
    return Runs.run(
        Runs.pipeline(EnrichOptions.DEFAULTS.withMaskClientIp(true)),
        Runs.envelope(gatewayCall()),
        file("request-response.json"),
        file("audit.json"),
        file("trace.json"),
        file("usage.json"),
        file("bad-properties.json"));
  }

  static JsonNode line(Runs.Result r, String category, int n) {
    return r.sink().requestLines.stream()
        .filter(l -> category.equals(l.path("tollgate.record.category").asText()))
        .skip(n)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyRecordIsOneLineWithTheFixedKeys() {
    Runs.Result r = all();
    assertThat(r.sink().deadLetters).isEmpty();
    assertThat(r.sink().requestLines).hasSize(1 + 4 + 2 + 1 + 2 + 1);
    for (JsonNode l : r.sink().requestLines) {
      assertThat(l.fieldNames()).toIterable().containsAll(RequestFields.FIXED_KEYS);
      assertThat(l.path("azure.openai.account").asText()).isIn("contoso-aoai", "contoso-aoai-eus2");
    }
    assertThat(r.sink().requestLines.stream().map(l -> l.path("tollgate.item_id").asText()))
        .doesNotHaveDuplicates();
  }

  @Test
  void resourceLogsAreCountedApartAndNeverAsGatewaySpend() {
    Runs.Result r = all();
    RunStats s = r.stats();
    assertThat(s.llmRequests()).as("the gateway call only").isEqualTo(1);
    assertThat(s.otherRequests()).isZero();
    assertThat(s.resourceLogRecords()).isEqualTo(10);
    // 2 chat + 1 embedding, 2 usage records (chat operations) and 1 chat with unreadable properties
    assertThat(s.resourceLogCalls()).isEqualTo(6);
    assertThat(s.records()).isEqualTo(11);
    LlmRequest gateway = r.sink().requests.get(0);
    assertThat(s.costUsd()).isEqualByComparingTo(gateway.price().cost().usd());
  }

  @Test
  void inferenceWithoutCountsIsNotPricedAndNotAGapInTheCatalog() {
    Runs.Result r = all();
    JsonNode chat = line(r, "RequestResponse", 0);
    assertThat(chat.path("tollgate.cost.status").asText()).isEqualTo("usage_not_logged");
    assertThat(chat.path("tollgate.cost.usd").isNull()).isTrue();
    assertThat(chat.path("tollgate.llm").asBoolean()).isTrue();
    assertThat(chat.path("gen_ai.provider.name").asText()).isEqualTo(LlmRequest.PROVIDER);
    assertThat(chat.path("azure.operation.name").asText()).isEqualTo("ChatCompletions_Create");
    assertThat(chat.path("azure.openai.model_version").asText()).isEqualTo("2024-11-20");
    assertThat(chat.path("client.address").asText()).isEqualTo("10.20.30.***");
    assertThat(chat.path("apim.resource_id").isNull()).isTrue();
    assertThat(chat.path("azure.openai.resource_id").asText()).contains("CONTOSO-AOAI-EUS2");
    assertThat(r.stats().unpriced()).isZero();
    JsonNode thread = line(r, "RequestResponse", 3);
    assertThat(thread.path("tollgate.llm").asBoolean()).isFalse();
    assertThat(thread.path("tollgate.cost.status").asText()).isEqualTo("not_applicable");
    assertThat(thread.path("gen_ai.operation.name").isNull()).isTrue();
  }

  @Test
  void auditAndTracePassThroughWithTheirOperation() {
    Runs.Result r = all();
    JsonNode listKey = line(r, "Audit", 0);
    assertThat(listKey.path("azure.operation.name").asText()).isEqualTo("ListKey");
    assertThat(listKey.path("tollgate.llm").asBoolean()).isFalse();
    assertThat(listKey.path("enduser.id").asText())
        .isEqualTo("1f2e3d4c-5b6a-4789-8abc-def012345678");
    assertThat(line(r, "Audit", 1).path("azure.operation.name").asText())
        .isEqualTo("RegenerateKey");
    JsonNode trace = line(r, "Trace", 0);
    assertThat(trace.path("tollgate.unmapped").toString()).isEqualTo("[\"message\",\"level\"]");
  }

  @Test
  void usageRecordsArePricedInTheirOwnSeries() {
    Runs.Result r = all();
    JsonNode usage = line(r, "AzureOpenAIRequestUsage", 0);
    assertThat(usage.path("tollgate.cost.status").asText()).isEqualTo("priced");
    assertThat(usage.path("tollgate.price.model").asText()).isEqualTo("gpt-4o-2024-11-20");
    assertThat(usage.path("tollgate.price.source").asText()).isEqualTo("resource_log");
    assertThat(usage.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(1200);
    assertThat(usage.path("gen_ai.usage.cache_read.input_tokens").asLong()).isEqualTo(200);
    assertThat(usage.path("tollgate.cost.usd").decimalValue()).isPositive();
    JsonNode unreadable = line(r, "AzureOpenAIRequestUsage", 1);
    assertThat(unreadable.path("tollgate.llm").asBoolean()).isTrue();
    assertThat(unreadable.path("tollgate.cost.status").asText()).isEqualTo("usage_not_logged");
    assertThat(unreadable.path("tollgate.unmapped").toString())
        .isEqualTo("[\"promptTokens\",\"tokenBuckets\"]");
  }

  @Test
  void aggregatesKeepTheGatewaysAndTheAccountsViewApart() {
    Runs.Result r = all();
    List<WindowAggregate> gateway =
        r.sink().aggregates.stream().filter(a -> "GatewayLogs".equals(a.key().category())).toList();
    assertThat(gateway).hasSize(1);
    assertThat(gateway.get(0).requests()).isEqualTo(1);
    assertThat(gateway.get(0).key().account()).isEqualTo("contoso-aoai");
    BigDecimal gatewayCost = gateway.get(0).costUsd();
    assertThat(gatewayCost).isEqualByComparingTo(r.sink().requests.get(0).price().cost().usd());
    List<WindowAggregate> account =
        r.sink().aggregates.stream()
            .filter(a -> "RequestResponse".equals(a.key().category()))
            .toList();
    assertThat(account.stream().mapToLong(WindowAggregate::requests).sum()).isEqualTo(4);
    assertThat(account).allSatisfy(a -> assertThat(a.costUsd()).isZero());
    assertThat(account)
        .allSatisfy(a -> assertThat(a.key().account()).isEqualTo("contoso-aoai-eus2"));
    assertThat(account)
        .filteredOn(a -> "gpt-4o-mini".equals(a.key().deployment()))
        .singleElement()
        .satisfies(a -> assertThat(a.key().modelVersion()).isEqualTo("2024-07-18"))
        .satisfies(a -> assertThat(a.durationSum()).isEqualTo(420));
    assertThat(account)
        .filteredOn(a -> "text-embedding-3-small".equals(a.key().deployment()))
        .singleElement()
        .satisfies(a -> assertThat(a.errorCount()).isEqualTo(1));
    assertThat(r.sink().aggregates)
        .noneMatch(a -> "Audit".equals(a.key().category()) || "Trace".equals(a.key().category()));
  }

  @Test
  void gatewayRecordsNameTheAccountBehindThem() {
    ObjectNode viaFoundry = gatewayCall();
    ((ObjectNode) viaFoundry.get("properties"))
        .put(
            "backendUrl",
            "https://contoso-foundry.services.ai.azure.com/openai/deployments/gpt-4o/chat/completions");
    ObjectNode custom = gatewayCall();
    ((ObjectNode) custom.get("properties"))
        .put("backendUrl", "https://ai.contoso.com/openai/deployments/gpt-4o/chat/completions");
    Runs.Result r = Runs.run(Runs.envelope(gatewayCall(), viaFoundry, custom));
    assertThat(r.sink().requests)
        .extracting(x -> x.route().account())
        .containsExactly("contoso-aoai", "contoso-foundry", null);
    assertThat(r.sink().requests).allMatch(x -> x.route().azureOperation() == null);
  }
}
