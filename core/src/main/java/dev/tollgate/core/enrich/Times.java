package dev.tollgate.core.enrich;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Lenient ISO-8601 parsing: 0 to 9 fraction digits, with or without an offset (UTC assumed). */
public final class Times {
  private Times() {}

  public static Instant parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              s.strip(), OffsetDateTime::from, LocalDateTime::from);
      if (t instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
