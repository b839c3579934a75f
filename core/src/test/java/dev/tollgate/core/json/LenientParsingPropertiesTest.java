package dev.tollgate.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.core.enrich.ApiRoute;
import dev.tollgate.core.enrich.Times;
import dev.tollgate.core.price.ModelId;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The small lenient parsers answer null for garbage; they never throw. */
class LenientParsingPropertiesTest {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void parsersNeverThrowOnArbitraryText() {
    qt().withExamples(3000)
        .withFixedSeed(7L)
        .forAll(strings().allPossible().ofLengthBetween(0, 60))
        .checkAssert(
            s -> {
              ApiRoute.parse(s);
              ApiRoute.parse("https://gw.azure-api.net/openai/" + s);
              ApiRoute.parse("/openai/deployments/" + s);
              Times.parse(s);
              ModelId.parse(s);
              PartialJson.parse(s);
              PartialJson.parse("{\"a\":" + s);
              Json.asLong(NODES.textNode(s));
            });
  }

  @Test
  void routesInsideArbitraryPrefixesAreFound() {
    qt().withExamples(1000)
        .withFixedSeed(11L)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 30), integers().between(1, 9))
        .check(
            (prefix, n) -> {
              String p = prefix.replace("?", "").replace("#", "");
              ApiRoute r =
                  ApiRoute.parse(p + "/openai/deployments/dep" + n + "/embeddings?api-version=v");
              // a prefix that itself contains "/openai/" may claim the route; otherwise it is found
              return p.toLowerCase(java.util.Locale.ROOT).contains("/openai/")
                  || (r != null
                      && r.deployment().equals("dep" + n)
                      && r.api().equals("embeddings"));
            });
  }

  @Test
  void numbersOutsideLongAreNotNumbers() {
    assertThat(Json.asLong(NODES.numberNode(new BigInteger("123456789012345678901234567890"))))
        .isNull();
    assertThat(Json.asLong(NODES.numberNode(new BigDecimal("1e400")))).isNull();
    assertThat(Json.asLong(NODES.textNode("1e300"))).isNull();
    assertThat(Json.asLong(NODES.textNode("NaN"))).isNull();
    assertThat(Json.asLong(NODES.textNode("-Infinity"))).isNull();
    assertThat(Json.asLong(NODES.numberNode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Json.asLong(NODES.numberNode(new BigDecimal("152.6")))).isEqualTo(153L);
    assertThat(Json.asLong(NODES.textNode(" 557 "))).isEqualTo(557L);
    assertThat(Json.asLong(NODES.textNode("5.5e2"))).isEqualTo(550L);
    assertThat(Json.asLong(NODES.textNode("many"))).isNull();
    assertThat(Json.asLong(NODES.booleanNode(true))).isNull();
  }

  @Test
  void fieldLookUpToleratesCasing() {
    var node = NODES.objectNode().put("DurationMs", 5).put("CALLERIPADDRESS", "x").putNull("time");
    assertThat(Json.longValue(node, "durationMs")).isEqualTo(5L);
    assertThat(Json.text(node, "callerIpAddress")).isEqualTo("x");
    assertThat(Json.field(node, "time")).isNull();
    assertThat(Json.text(NODES.objectNode().put("a", "  "), "a")).isNull();
    assertThat(Json.bool(NODES.objectNode().put("s", "TRUE"), "s")).isTrue();
    assertThat(Json.bool(NODES.objectNode().put("s", "yes"), "s")).isNull();
  }
}
