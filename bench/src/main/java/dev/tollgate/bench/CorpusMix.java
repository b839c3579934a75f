package dev.tollgate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Variants of a generated corpus, to separate what token estimation costs from the rest. */
public final class CorpusMix {
  private CorpusMix() {}

  /**
   * The bodies without the records whose usage Tollgate has to estimate with the tokenizer (cut
   * responses, streams without usage): what is left is parse, enrich with reported usage, price and
   * aggregate. Bodies that are not valid JSON are kept as they are.
   */
  public static List<String> withoutEstimates(List<String> bodies) {
    Pipeline pipeline = Pipeline.builder().build();
    List<String> out = new ArrayList<>(bodies.size());
    for (String body : bodies) {
      Set<Integer> estimated = new HashSet<>();
      Run run =
          pipeline.start(
              new TollgateSink() {
                @Override
                public void request(LlmRequest r) {
                  if (r.usage().source() == UsageSource.ESTIMATED) {
                    estimated.add(r.origin().position().index());
                  }
                }

                @Override
                public void deadLetter(DeadLetter d) {}

                @Override
                public void aggregate(WindowAggregate a) {}

                @Override
                public void finish(RunStats stats) {}
              });
      run.accept(EventBody.ofText(body, "mix"));
      run.close();
      if (estimated.isEmpty()) {
        out.add(body);
        continue;
      }
      try {
        ObjectNode envelope = (ObjectNode) Json.MAPPER.readTree(body);
        ArrayNode records = (ArrayNode) envelope.get("records");
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (int i = 0; i < records.size(); i++) {
          if (!estimated.contains(i)) {
            kept.add(records.get(i));
          }
        }
        if (!kept.isEmpty()) {
          envelope.set("records", kept);
          out.add(Json.MAPPER.writeValueAsString(envelope));
        }
      } catch (JsonProcessingException | ClassCastException e) {
        out.add(body);
      }
    }
    return out;
  }

  /** Whether a body parses as JSON (used by tests). */
  static boolean isJson(String body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      return n != null;
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
