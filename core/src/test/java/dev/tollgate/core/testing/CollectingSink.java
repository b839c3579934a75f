package dev.tollgate.core.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.output.AggregateFields;
import dev.tollgate.core.output.DeadLetterFields;
import dev.tollgate.core.output.RequestFields;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a run emits, in order. Every item is also rendered through the output field writers,
 * so a sink test fails if an item cannot be written.
 */
public class CollectingSink implements TollgateSink {
  public final List<LlmRequest> requests = new ArrayList<>();
  public final List<DeadLetter> deadLetters = new ArrayList<>();
  public final List<WindowAggregate> aggregates = new ArrayList<>();
  public final List<ObjectNode> requestLines = new ArrayList<>();
  public final List<ObjectNode> aggregateLines = new ArrayList<>();
  public final List<ObjectNode> deadLetterLines = new ArrayList<>();

  /** Every item as the JSON text the output writers produce, in emission order. */
  public final List<String> text = new ArrayList<>();

  /** How many times the run finished, and the counters it finished with. */
  public int finishes;

  public RunStats finishedWith;
  private final boolean parse;

  public CollectingSink() {
    this(true);
  }

  /**
   * @param parse also parse every rendered item back into the {@code *Lines} lists (off where only
   *     the text is compared, to keep many-case tests fast)
   */
  public CollectingSink(boolean parse) {
    this.parse = parse;
  }

  @Override
  public void request(LlmRequest r) {
    requests.add(r);
    keep(requestLines, render(g -> RequestFields.write(g, r)));
  }

  @Override
  public void deadLetter(DeadLetter d) {
    deadLetters.add(d);
    keep(deadLetterLines, render(g -> DeadLetterFields.write(g, d)));
  }

  @Override
  public void aggregate(WindowAggregate a) {
    aggregates.add(a);
    keep(aggregateLines, render(g -> AggregateFields.write(g, a)));
  }

  private void keep(List<ObjectNode> lines, String json) {
    text.add(json);
    if (parse) {
      lines.add(parse(json));
    }
  }

  @Override
  public void finish(RunStats stats) {
    finishes++;
    finishedWith = stats;
  }

  public LlmRequest onlyRequest() {
    if (requests.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + requests.size());
    }
    return requests.get(0);
  }

  public ObjectNode onlyRequestLine() {
    onlyRequest();
    return requestLines.get(0);
  }

  /** What {@code requests.jsonl} would hold for one request, parsed back. */
  public static ObjectNode line(LlmRequest r) {
    return parse(render(g -> RequestFields.write(g, r)));
  }

  private interface Writing {
    void write(JsonGenerator g) throws IOException;
  }

  private static String render(Writing w) {
    try {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
        w.write(g);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
