package dev.tollgate.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code requests.jsonl}, {@code aggregates.jsonl} and {@code deadletter.jsonl} to a folder.
 */
public final class JsonLinesSink implements TollgateSink, Closeable {
  public static final String REQUESTS = "requests.jsonl";
  public static final String AGGREGATES = "aggregates.jsonl";
  public static final String DEAD_LETTERS = "deadletter.jsonl";

  private final JsonGenerator requests;
  private final JsonGenerator aggregates;
  private final JsonGenerator deadLetters;

  public JsonLinesSink(Path dir) throws IOException {
    Files.createDirectories(dir);
    requests = open(dir.resolve(REQUESTS));
    aggregates = open(dir.resolve(AGGREGATES));
    deadLetters = open(dir.resolve(DEAD_LETTERS));
  }

  private static JsonGenerator open(Path file) throws IOException {
    // Replace what UTF-8 cannot encode (a lone surrogate from a "\\ud83d" escape cut in half)
    // instead of failing the whole run on one odd character.
    Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(file),
                StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16);
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w);
    g.setRootValueSeparator(null);
    return g;
  }

  @Override
  public void request(LlmRequest r) {
    write(requests, () -> RequestFields.write(requests, r));
  }

  @Override
  public void deadLetter(DeadLetter d) {
    write(deadLetters, () -> DeadLetterFields.write(deadLetters, d));
  }

  @Override
  public void aggregate(WindowAggregate a) {
    write(aggregates, () -> AggregateFields.write(aggregates, a));
  }

  /** Writes out what is buffered; the run's counters are not part of these files. */
  @Override
  public void finish(RunStats stats) {
    try {
      requests.flush();
      aggregates.flush();
      deadLetters.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    for (JsonGenerator g : new JsonGenerator[] {requests, aggregates, deadLetters}) {
      g.close();
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void write(JsonGenerator g, IoAction action) {
    try {
      action.run();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
