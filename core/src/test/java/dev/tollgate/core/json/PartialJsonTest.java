package dev.tollgate.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Samples;
import org.junit.jupiter.api.Test;

class PartialJsonTest {

  @Test
  void wholeDocumentIsComplete() {
    String body = Samples.chatExampleResponse();
    PartialJson.Result r = PartialJson.parse(body);
    assertThat(r.complete()).isTrue();
    // same tree (numbers may be held as long rather than int: compare the text)
    assertThat(r.node().toString()).isEqualTo(Resources.parse(body).toString());
    // trailing whitespace and a newline, as APIM logs bodies, are still complete
    assertThat(PartialJson.parse(Samples.sessionRecordResponse()).complete()).isTrue();
  }

  @Test
  void cutDocumentKeepsWhatWasRead() {
    String body = Samples.chatExampleResponse();
    int cut = body.indexOf("\"usage\"");
    PartialJson.Result r = PartialJson.parse(body.substring(0, cut + 30));
    assertThat(r.complete()).isFalse();
    assertThat(r.node().get("id").asText()).isEqualTo("chatcmpl-7R1nGnsXO8n4oi9UPz2f3UHdgAYMn");
    assertThat(r.node().at("/choices/0/message/content").asText())
        .isEqualTo(Samples.chatExampleContent());
    assertThat(r.node().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void aStringCutInTheMiddleIsLeftOut() {
    PartialJson.Result r = PartialJson.parse("{\"id\":\"chatcmpl-1\",\"content\":\"Ahoy mat");
    assertThat(r.complete()).isFalse();
    assertThat(r.node().get("id").asText()).isEqualTo("chatcmpl-1");
    assertThat(r.node().has("content")).isFalse();
  }

  @Test
  void aNumberAtTheCutIsLeftOutBecauseItMayBeCutToo() {
    // "completion_tokens":557 cut after "55" must not read as 55
    PartialJson.Result r =
        PartialJson.parse("{\"usage\":{\"prompt_tokens\":33,\"completion_tokens\":55");
    assertThat(r.complete()).isFalse();
    assertThat(r.node().at("/usage/prompt_tokens").asLong()).isEqualTo(33);
    assertThat(r.node().at("/usage").has("completion_tokens")).isFalse();
    // a number followed by a delimiter was read whole
    assertThat(PartialJson.parse("{\"a\":557,").node().get("a").asLong()).isEqualTo(557);
    assertThat(PartialJson.parse("{\"a\":[1.5, 2").node().get("a").size()).isEqualTo(1);
    // a bare number is a whole document
    assertThat(PartialJson.parse("557").node().asLong()).isEqualTo(557);
    assertThat(PartialJson.parse("557").complete()).isTrue();
  }

  @Test
  void nothingOrNotJson() {
    assertThat(PartialJson.parse(null)).isEqualTo(new PartialJson.Result(null, false));
    assertThat(PartialJson.parse("  ")).isEqualTo(new PartialJson.Result(null, false));
    assertThat(PartialJson.parse("data: [DONE]").node()).isNull();
    assertThat(PartialJson.parse("{\"a\":1}{\"b\":2}").complete()).isFalse();
    assertThat(PartialJson.parse("{\"a\":1} trailing").complete()).isFalse();
  }

  @Test
  void everyCutOfARealBodyParsesWithoutThrowingAndIsIncomplete() {
    String body = Samples.reasoningResponse();
    JsonNode whole = Resources.parse(body);
    qt().withExamples(2000)
        .withFixedSeed(20250701L)
        .forAll(integers().between(1, body.length() - 1))
        .check(
            cut -> {
              PartialJson.Result r = PartialJson.parse(body.substring(0, cut));
              if (r.complete() || r.node() == null || !r.node().isObject()) {
                return false;
              }
              // every field that was read has its final value
              JsonNode id = r.node().get("id");
              JsonNode usage = r.node().get("usage");
              return (id == null || id.equals(whole.get("id")))
                  && (usage == null
                      || usage.get("prompt_tokens") == null
                      || usage.get("prompt_tokens").asLong()
                          == whole.at("/usage/prompt_tokens").asLong());
            });
  }
}
