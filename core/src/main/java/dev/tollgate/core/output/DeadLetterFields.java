package dev.tollgate.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.model.DeadLetter;
import java.io.IOException;

/**
 * The JSON form of a {@link DeadLetter}: the reason, where it came from, and the input kept whole.
 * Every key is on every line; {@code raw_encoding} says how to read {@code raw}: {@code text} (the
 * input itself) or {@code base64} (bytes that were not UTF-8, decode them to get the input back).
 */
public final class DeadLetterFields {
  public static final String RAW = "raw";
  public static final String RAW_ENCODING = "raw_encoding";

  private DeadLetterFields() {}

  /** The value of {@code raw_encoding}. */
  public static String encodingName(DeadLetter.RawEncoding e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }

  public static void write(JsonGenerator g, DeadLetter d) throws IOException {
    g.writeStartObject();
    g.writeStringField("tollgate.item_id", d.itemId());
    g.writeStringField("reason", d.reason());
    RequestFields.str(g, "detail", d.detail());
    RequestFields.str(g, "source", d.position() == null ? null : d.position().source());
    RequestFields.str(g, "partition_id", d.position() == null ? null : d.position().partitionId());
    RequestFields.num(
        g, "sequence_number", d.position() == null ? null : d.position().sequenceNumber());
    g.writeNumberField("record_index", d.position() == null ? 0 : d.position().index());
    g.writeStringField("seen_at", d.seenAt().toString());
    RequestFields.str(g, RAW, d.raw());
    g.writeStringField(RAW_ENCODING, encodingName(d.rawEncoding()));
    g.writeEndObject();
  }
}
