package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.parse.GatewayRecord;
import dev.tollgate.core.parse.RecordReader;
import dev.tollgate.core.testing.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resource-log fixtures (src/test/resources/resourcelogs, see the README there) read. */
class ResourceLogFactsTest {

  static List<GatewayRecord> records(String text) {
    List<GatewayRecord> out = new ArrayList<>();
    RecordReader.read(
        EventBody.ofText(text, "test"),
        new RecordReader.Visitor() {
          @Override
          public void record(GatewayRecord r) {
            out.add(r);
          }

          @Override
          public void broken(RecordReader.BrokenRecord b) {
            throw new AssertionError("unexpected broken record: " + b);
          }
        });
    return out;
  }

  static List<ResourceLogFacts> facts(String resource, boolean mask) throws EnrichmentException {
    List<ResourceLogFacts> out = new ArrayList<>();
    for (GatewayRecord r : records(Resources.text(resource))) {
      out.add(ResourceLogFacts.read(r, mask));
    }
    return out;
  }

  @Test
  void chatCompletionWithPropertiesAsAnObject() throws EnrichmentException {
    ResourceLogFacts f = facts("resourcelogs/request-response.json", false).get(0);
    assertThat(f.category()).isEqualTo("RequestResponse");
    assertThat(f.account()).isEqualTo("contoso-aoai-eus2");
    assertThat(f.deployment()).isEqualTo("gpt-4o");
    assertThat(f.modelName()).isEqualTo("gpt-4o");
    assertThat(f.modelVersion()).isEqualTo("2024-11-20");
    assertThat(f.apiVersion()).isEqualTo("2024-10-21");
    assertThat(f.inference()).isEqualTo(new ResourceLogNames.Inference("chat_completions", "chat"));
    assertThat(f.azureOperation()).isEqualTo("ChatCompletions_Create");
    assertThat(f.llm()).isTrue();
    assertThat(f.stream()).isFalse();
    assertThat(f.statusCode()).isEqualTo(200);
    assertThat(f.errorType()).isNull();
    assertThat(f.durationMs()).isEqualTo(1790L);
    assertThat(f.region()).isEqualTo("eastus2");
    assertThat(f.endUser()).as("an empty objectId is unknown").isNull();
    assertThat(f.usage()).isNull();
    assertThat(f.unmapped()).isEmpty();
    // the call's start from requestTime, not the log's time 1.8 s later
    assertThat(f.time()).isEqualTo(Instant.parse("2026-11-20T09:00:03.16Z"));
    assertThat(f.itemId()).startsWith("aoai:h");
  }

  @Test
  void repeatedCorrelationIdsGiveTwoIdsAndRedeliveryTheSame() throws EnrichmentException {
    List<ResourceLogFacts> f = facts("resourcelogs/request-response.json", false);
    assertThat(f.get(0).correlationId()).isEqualTo(f.get(1).correlationId());
    assertThat(f.get(0).itemId()).isNotEqualTo(f.get(1).itemId());
    assertThat(f.stream().map(ResourceLogFacts::itemId).distinct()).hasSize(f.size());
    List<ResourceLogFacts> again = facts("resourcelogs/request-response.json", false);
    assertThat(again.stream().map(ResourceLogFacts::itemId).toList())
        .isEqualTo(f.stream().map(ResourceLogFacts::itemId).toList());
  }

  @Test
  void negativeDurationFallsBackToTheTicks() throws EnrichmentException {
    ResourceLogFacts f = facts("resourcelogs/request-response.json", false).get(1);
    assertThat(f.durationMs()).as("durationMs -1; ticks 420.512 ms apart").isEqualTo(420L);
    assertThat(f.stream()).isTrue();
    assertThat(f.deployment()).isEqualTo("gpt-4o-mini");
    assertThat(f.modelVersion()).isEqualTo("2024-07-18");
  }

  @Test
  void negativeDurationWithoutTicksIsUnknown() throws EnrichmentException {
    String record =
        Resources.text("resourcelogs/bad-properties.json")
            .replace("\"durationMs\": 512", "\"durationMs\": -3");
    ResourceLogFacts f = ResourceLogFacts.read(records(record).get(0), false);
    assertThat(f.durationMs()).isNull();
  }

  @Test
  void propertiesAsAJsonStringAndAThrottledEmbedding() throws EnrichmentException {
    ResourceLogFacts f = facts("resourcelogs/request-response.json", false).get(2);
    assertThat(f.inference()).isEqualTo(new ResourceLogNames.Inference("embeddings", "embeddings"));
    assertThat(f.deployment()).isEqualTo("text-embedding-3-small");
    assertThat(f.apiVersion()).isEqualTo("2024-06-01");
    assertThat(f.statusCode()).isEqualTo(429);
    assertThat(f.errorType()).isEqualTo(ErrorType.RATE_LIMITED);
    assertThat(f.endUser()).isEqualTo("5b0c6f3e-2a41-4d7a-9e55-0c1f2a3b4c5d");
    assertThat(f.stream()).as("no streamType").isNull();
  }

  @Test
  void assistantsOperationsAreNotInference() throws EnrichmentException {
    ResourceLogFacts f = facts("resourcelogs/request-response.json", false).get(3);
    assertThat(f.azureOperation()).isEqualTo("Create_Thread");
    assertThat(f.inference()).isNull();
    assertThat(f.llm()).isFalse();
    assertThat(f.apiVersion()).isEqualTo("2024-02-15-preview");
    assertThat(f.durationMs()).isEqualTo(102L);
    assertThat(f.time()).isEqualTo(Instant.parse("2026-11-20T09:00:38.485461Z"));
  }

  @Test
  void maskedAddressesPassThroughAsGivenEvenWhenMasking() throws EnrichmentException {
    assertThat(facts("resourcelogs/request-response.json", true).get(0).clientAddress())
        .isEqualTo("10.20.30.***");
    assertThat(facts("resourcelogs/request-response.json", false).get(2).clientAddress())
        .isEqualTo("198.51.100.***");
    String plain =
        Resources.text("resourcelogs/bad-properties.json").replace("10.20.30.***", "10.20.30.44");
    assertThat(ResourceLogFacts.read(records(plain).get(0), true).clientAddress())
        .isEqualTo("10.20.30.0");
    assertThat(ResourceLogFacts.read(records(plain).get(0), false).clientAddress())
        .isEqualTo("10.20.30.44");
  }

  @Test
  void auditListKeyPassesThroughWithItsOperation() throws EnrichmentException {
    List<ResourceLogFacts> f = facts("resourcelogs/audit.json", false);
    assertThat(f)
        .extracting(ResourceLogFacts::azureOperation)
        .containsExactly("ListKey", "RegenerateKey");
    assertThat(f).allMatch(x -> !x.llm() && x.inference() == null);
    assertThat(f).extracting(ResourceLogFacts::category).containsOnly("Audit");
    assertThat(f).extracting(ResourceLogFacts::account).containsOnly("contoso-aoai-eus2");
    assertThat(f)
        .extracting(ResourceLogFacts::endUser)
        .containsOnly("1f2e3d4c-5b6a-4789-8abc-def012345678");
    assertThat(f.get(1).clientAddress()).isNull();
    assertThat(f.get(1).statusCode()).isNull();
    assertThat(f.get(0).time()).isEqualTo(Instant.parse("2026-11-20T09:03:12.441Z"));
  }

  @Test
  void traceRecordsNameWhatIsNotMapped() throws EnrichmentException {
    ResourceLogFacts f = facts("resourcelogs/trace.json", false).get(0);
    assertThat(f.llm()).isFalse();
    assertThat(f.azureOperation()).isEqualTo("Deployment_Update");
    assertThat(f.unmapped()).containsExactly("message", "level");
  }

  @Test
  void usageRecordsAreReadLenientlyAndWhatCannotBeReadIsNamed() throws EnrichmentException {
    List<ResourceLogFacts> f = facts("resourcelogs/usage.json", false);
    assertThat(f.get(0).usage())
        .isEqualTo(new TokenUsage(1200L, 300L, 200L, null, UsageSource.REPORTED));
    assertThat(f.get(0).unmapped()).isEmpty();
    assertThat(f.get(0).llm()).isTrue();
    assertThat(f.get(1).usage()).as("a two-element array is not guessed at").isNull();
    assertThat(f.get(1).unmapped()).containsExactly("promptTokens", "tokenBuckets");
  }

  @Test
  void unreadablePropertiesAreNamedAndTheTopLevelKept() throws EnrichmentException {
    ResourceLogFacts f = facts("resourcelogs/bad-properties.json", false).get(0);
    assertThat(f.unmapped()).containsExactly("properties");
    assertThat(f.deployment()).isNull();
    assertThat(f.inference()).isEqualTo(new ResourceLogNames.Inference("chat_completions", "chat"));
    assertThat(f.statusCode()).isEqualTo(500);
    assertThat(f.errorType()).isEqualTo(ErrorType.SERVER_ERROR);
    assertThat(f.durationMs()).isEqualTo(512L);
    assertThat(f.account()).isEqualTo("contoso-aoai-eus2");
  }

  @Test
  void timeFallsBackToTheLogTimeThenTheEnqueuedTimeThenFails() throws EnrichmentException {
    String audit = Resources.text("resourcelogs/trace.json");
    String bad = audit.replace("2026-11-20T09:04:00.1000000Z", "not a time");
    Instant enqueued = Instant.parse("2026-11-20T09:10:00Z");
    List<GatewayRecord> rs = new ArrayList<>();
    RecordReader.read(
        new EventBody(bad, "0", 1L, enqueued, "hub"),
        new RecordReader.Visitor() {
          @Override
          public void record(GatewayRecord r) {
            rs.add(r);
          }

          @Override
          public void broken(RecordReader.BrokenRecord b) {}
        });
    assertThat(ResourceLogFacts.read(rs.get(0), false).time()).isEqualTo(enqueued);
    assertThatThrownBy(() -> ResourceLogFacts.read(records(bad).get(0), false))
        .isInstanceOf(EnrichmentException.class);
    // ticks far from the log's time are not the call's start
    String far =
        Resources.text("resourcelogs/request-response.json")
            .replace("\"2026-11-20T09:00:04.9517000Z\"", "\"2026-11-21T09:00:04.9517000Z\"");
    assertThat(ResourceLogFacts.read(records(far).get(0), false).time())
        .isEqualTo(Instant.parse("2026-11-21T09:00:04.9517Z"));
  }
}
