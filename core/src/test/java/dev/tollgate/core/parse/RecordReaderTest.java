package dev.tollgate.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Samples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

  static final class Collected implements RecordReader.Visitor {
    final List<GatewayRecord> records = new ArrayList<>();
    final List<RecordReader.BrokenRecord> broken = new ArrayList<>();
    final List<Integer> order = new ArrayList<>();

    @Override
    public void record(GatewayRecord record) {
      records.add(record);
      order.add(record.position().index());
    }

    @Override
    public void broken(RecordReader.BrokenRecord b) {
      broken.add(b);
      order.add(b.position().index());
    }
  }

  static Collected read(String text) {
    return read(EventBody.ofText(text, "file.jsonl"));
  }

  static Collected read(EventBody body) {
    Collected c = new Collected();
    RecordReader.read(body, c);
    return c;
  }

  static ObjectNode record(int n) {
    return ApimRecord.call(
            "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
            Samples.chatExampleRequest(),
            Samples.chatExampleResponse(),
            200)
        .correlationId("00000000-0000-4000-8000-00000000000" + n)
        .node();
  }

  static String corr(GatewayRecord r) {
    return r.top("correlationId");
  }

  @Test
  void envelopeOfSeveralRecords() {
    Instant enqueued = Instant.parse("2025-07-01T12:00:03Z");
    Collected c =
        read(
            new EventBody(
                "{\"records\":[" + record(1) + "," + record(2) + "," + record(3) + "]}",
                "7",
                1234L,
                enqueued,
                "hub/7"));
    assertThat(c.broken).isEmpty();
    assertThat(c.records)
        .extracting(RecordReaderTest::corr)
        .containsExactly(
            "00000000-0000-4000-8000-000000000001",
            "00000000-0000-4000-8000-000000000002",
            "00000000-0000-4000-8000-000000000003");
    assertThat(c.order).containsExactly(0, 1, 2);
    GatewayRecord first = c.records.get(0);
    assertThat(first.position().partitionId()).isEqualTo("7");
    assertThat(first.position().sequenceNumber()).isEqualTo(1234L);
    assertThat(first.position().source()).isEqualTo("hub/7");
    assertThat(first.enqueuedTime()).isEqualTo(enqueued);
    assertThat(first.category()).isEqualTo("GatewayLogs");
    assertThat(first.prop("responseCode")).isEqualTo("200");
  }

  @Test
  void bareRecord() {
    Collected c = read(record(1).toString());
    assertThat(c.records).hasSize(1);
    assertThat(c.records.get(0).raw()).isEqualTo(record(1).toString());
  }

  @Test
  void jsonArrayOfRecords() {
    Collected c = read("[" + record(1) + ",\n" + record(2) + "]");
    assertThat(c.records).hasSize(2);
    assertThat(c.broken).isEmpty();
  }

  @Test
  void oneEnvelopeOrRecordPerLine() {
    String text =
        "{\"records\":["
            + record(1)
            + ","
            + record(2)
            + "]}\r\n"
            + record(3)
            + "\n\n   \n"
            + "{\"records\":["
            + record(4)
            + "]}\n";
    Collected c = read(text);
    assertThat(c.broken).isEmpty();
    assertThat(c.records)
        .extracting(RecordReaderTest::corr)
        .extracting(id -> id.substring(id.length() - 1))
        .containsExactly("1", "2", "3", "4");
    assertThat(c.order).containsExactly(0, 1, 2, 3);
  }

  @Test
  void blankBodiesHoldNothing() {
    assertThat(read("").records).isEmpty();
    assertThat(read(" \n\t\n").broken).isEmpty();
    assertThat(read(EventBody.ofText(null, "x")).records).isEmpty();
    assertThat(read("{\"records\":[]}").records).isEmpty();
  }

  @Test
  void brokenLineAmongGoodLinesIsKeptWithItsReason() {
    String good1 = record(1).toString();
    String broken = record(2).toString().substring(0, 700);
    String good2 = record(3).toString();
    Collected c = read(good1 + "\n" + broken + "\n" + good2 + "\n");

    assertThat(c.records).hasSize(2);
    assertThat(c.broken).hasSize(1);
    RecordReader.BrokenRecord b = c.broken.get(0);
    assertThat(b.reason()).isEqualTo("invalid_json");
    assertThat(b.detail()).startsWith("not valid JSON");
    assertThat(b.raw()).isEqualTo(broken);
    assertThat(b.position().index()).isEqualTo(1);
    assertThat(b.position().source()).isEqualTo("file.jsonl");
    assertThat(c.order).containsExactly(0, 1, 2);
  }

  @Test
  void singleBrokenBodyIsOneBrokenRecord() {
    Collected c = read("{\"records\":[" + record(1) + ",");
    assertThat(c.records).isEmpty();
    assertThat(c.broken)
        .extracting(RecordReader.BrokenRecord::reason)
        .containsExactly("invalid_json");
    assertThat(read("plain text, not JSON").broken.get(0).reason()).isEqualTo("invalid_json");
  }

  @Test
  void valuesThatAreNotRecords() {
    Collected c = read("[" + record(1) + ", 42, \"x\", {\"hello\": \"world\"}]");
    assertThat(c.records).hasSize(1);
    assertThat(c.broken)
        .extracting(RecordReader.BrokenRecord::reason)
        .containsExactly("not_a_record", "not_a_record", "not_a_record");
    assertThat(c.broken.get(0).detail()).contains("number");
    assertThat(c.broken.get(2).raw()).isEqualTo("{\"hello\":\"world\"}");
  }

  @Test
  void propertiesAsJsonStringAreParsed() {
    ObjectNode r = ApimRecord.propertiesAsString(record(1));
    Collected c = read(r.toString());
    assertThat(c.records).hasSize(1);
    assertThat(c.records.get(0).prop("apimSubscriptionId")).isEqualTo("team-a");
    assertThat(c.records.get(0).propLong("backendTime")).isEqualTo(1150L);
  }

  @Test
  void propertiesThatCannotBeReadAreBroken() {
    ObjectNode notJson = record(1);
    notJson.put("properties", "{\"method\":\"POST\",");
    ObjectNode array = record(2);
    array.putArray("properties").add(1);
    Collected c = read("[" + notJson + "," + array + "]");
    assertThat(c.records).isEmpty();
    assertThat(c.broken)
        .extracting(RecordReader.BrokenRecord::reason)
        .containsExactly("invalid_properties", "invalid_properties");
  }

  @Test
  void pascalCaseNamesAreFound() {
    Collected c = read(ApimRecord.pascalCase(record(1)).toString());
    GatewayRecord r = c.records.get(0);
    assertThat(r.top("correlationId")).isEqualTo("00000000-0000-4000-8000-000000000001");
    assertThat(r.topLong("durationMs")).isEqualTo(1200L);
    assertThat(r.prop("backendUrl")).contains("/openai/deployments/gpt-4o/");
    assertThat(r.category()).isEqualTo("GatewayLogs");
  }

  @Test
  void llmLogRecordsAreRecognised() {
    Collected c = read(ApimRecord.llmLog("abc", 1, 2).toString());
    assertThat(c.records.get(0).isLlmLog()).isTrue();
    assertThat(read(record(1).toString()).records.get(0).isLlmLog()).isFalse();
  }

  @Test
  void resourceLogsAreToldFromGatewayRecordsInOneEnvelope() {
    String mixed =
        "{\"records\":["
            + record(1)
            + ","
            + Resources.object("resourcelogs/audit.json").get("records").get(0)
            + ","
            + ApimRecord.llmLog("abc", 1, 2)
            + "]}";
    Collected c = read(mixed);
    assertThat(c.records)
        .extracting(GatewayRecord::kind)
        .containsExactly(
            RecordKind.GATEWAY, RecordKind.OPENAI_RESOURCE_LOG, RecordKind.GATEWAY_LLM_LOG);
    assertThat(c.records.get(1).isResourceLog()).isTrue();
    assertThat(c.records.get(0).isResourceLog()).isFalse();
  }

  @Test
  void aResourceLogWithUnreadablePropertiesIsKeptByItsTopLevel() {
    Collected c = read(Resources.text("resourcelogs/bad-properties.json"));
    assertThat(c.broken).isEmpty();
    GatewayRecord r = c.records.get(0);
    assertThat(r.propertiesUnreadable()).isTrue();
    assertThat(r.prop("modelDeploymentName")).isNull();
    assertThat(r.top("operationName")).isEqualTo("ChatCompletions_Create");
    assertThat(r.raw()).as("the broken string stays in the record").contains("modelDeploymentName");

    // the same properties on a gateway record: its properties are everything, so a dead letter
    ObjectNode apim = record(1);
    apim.put("properties", "{\"backendUrl\":\"https://x\"");
    Collected g = read(apim.toString());
    assertThat(g.records).isEmpty();
    assertThat(g.broken)
        .extracting(RecordReader.BrokenRecord::reason)
        .containsExactly("invalid_properties");
  }

  @Test
  void resourceLogPropertiesAsObjectOrStringReadAlike() {
    Collected c = read(Resources.text("resourcelogs/audit.json"));
    assertThat(c.records).hasSize(2);
    assertThat(c.records)
        .extracting(r -> r.prop("objectId"))
        .containsExactly(
            "1f2e3d4c-5b6a-4789-8abc-def012345678", "1f2e3d4c-5b6a-4789-8abc-def012345678");
    assertThat(c.records).allMatch(r -> !r.propertiesUnreadable());
    assertThat(c.records.get(1).propNames()).containsExactly("objectId");
  }
}
