package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicksTest {
  static final JsonNodeFactory N = JsonNodeFactory.instance;

  @Test
  void ticksAreHundredNanosecondsSinceYearOne() {
    // 2024-04-08T12:22:59.4854611Z: a requestTime in Elastic's published Azure OpenAI record
    assertThat(Ticks.toInstant(638_481_757_794_854_611L))
        .isEqualTo(Instant.parse("2024-04-08T12:22:59.4854611Z"));
    assertThat(Ticks.toInstant(Ticks.UNIX_EPOCH)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void readsNumbersAndNumericStringsExactly() {
    assertThat(Ticks.of(N.numberNode(638_481_757_794_854_611L)))
        .isEqualTo(638_481_757_794_854_611L);
    // through a double this would come back as ...854656
    assertThat(Ticks.of(N.textNode(" 638481757794854611 "))).isEqualTo(638_481_757_794_854_611L);
  }

  @Test
  void rejectsWhatIsNotACallsTimestamp() {
    assertThat(Ticks.of(null)).isNull();
    assertThat(Ticks.of(N.textNode("yesterday"))).isNull();
    assertThat(Ticks.of(N.textNode("638481757794854611.5"))).isNull();
    assertThat(Ticks.of(N.numberNode(1.5e17))).isNull();
    assertThat(Ticks.of(N.numberNode(0L))).as("year 1").isNull();
    assertThat(Ticks.of(N.numberNode(-5L))).isNull();
    assertThat(Ticks.of(N.numberNode(1_712_578_979_485L))).as("Unix milliseconds").isNull();
    assertThat(Ticks.of(N.booleanNode(true))).isNull();
  }

  @Test
  void millisecondsBetweenTwoTicks() {
    assertThat(Ticks.millisBetween(638_481_757_794_854_611L, 638_481_757_795_877_942L))
        .isEqualTo(102L);
    assertThat(Ticks.millisBetween(10L, 10L)).isZero();
    assertThat(Ticks.millisBetween(20_000L, 10_000L)).as("end before start").isNull();
    assertThat(Ticks.millisBetween(null, 10L)).isNull();
    assertThat(Ticks.millisBetween(10L, null)).isNull();
  }
}
