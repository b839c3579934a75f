package dev.tollgate.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.output.AggregateFields;
import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Partially priced calls are counted, their known part is in the cost, and the count merges. */
class PartiallyPricedAggregateTest {
  static Cost partial(String usd) {
    return new Cost(new BigDecimal(usd), CostStatus.PARTIALLY_PRICED, "ref");
  }

  @Test
  void partiallyPricedRequestsAreCountedAndTheirKnownPartSummed() throws Exception {
    WindowAggregator agg = new WindowAggregator();
    agg.add(ImplausibleUsageAggregateTest.call("a", 100, 10, partial("0.001")));
    agg.add(
        ImplausibleUsageAggregateTest.call(
            "b", 100, 10, new Cost(new BigDecimal("0.002"), CostStatus.PRICED, "ref")));
    WindowAggregate one = agg.drain().get(0);
    assertThat(one.partiallyPriced()).isEqualTo(1);
    assertThat(one.unpriced()).isZero();
    assertThat(one.costUsd()).isEqualByComparingTo("0.003");

    agg.add(ImplausibleUsageAggregateTest.call("c", 100, 10, partial("0.004")));
    one.merge(agg.drain().get(0));
    assertThat(one.partiallyPriced()).isEqualTo(2);

    StringWriter out = new StringWriter();
    try (var g = Json.MAPPER.getFactory().createGenerator(out)) {
      AggregateFields.write(g, one);
    }
    JsonNode line = Json.MAPPER.readTree(out.toString());
    assertThat(line.get("requests.partially_priced").asLong()).isEqualTo(2);
  }
}
