package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path for APIM's timestamp shape agrees with the ISO formatter it stands in for. */
class TimesTest {

  /** What Times.parse did before the fast path: the formatter alone. */
  private static Instant formatter(String s) {
    try {
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              s.strip(), OffsetDateTime::from, LocalDateTime::from);
      return t instanceof OffsetDateTime o
          ? o.toInstant()
          : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void agreesWithTheFormatterOnApimShapes() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      Instant t =
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
      String s = t.toString().replace("Z", "");
      int dot = s.indexOf('.');
      String base = dot < 0 ? s : s.substring(0, dot);
      String digits = String.format("%09d", t.getNano());
      int keep = random.nextInt(10);
      String text = base + (keep == 0 ? "" : "." + digits.substring(0, keep)) + "Z";
      assertThat(Times.parse(text)).as(text).isEqualTo(formatter(text));
    }
  }

  @Test
  void oddValuesGoToTheFormatterAndGetItsAnswer() {
    String[] cases = {
      "2024-02-29T10:00:00Z",
      "2023-02-29T10:00:00Z",
      "2026-04-31T00:00:00Z",
      "2026-12-31T23:59:59.9999999Z",
      "2026-13-01T00:00:00Z",
      "2026-11-20T24:00:00Z",
      "2026-11-20T09:60:00Z",
      "2026-11-20T09:00:60Z",
      "2026-11-20T09:00:00.Z",
      "2026-11-20T09:00:00.1234567890Z",
      "2026-11-20T09:00:00+02:00",
      "2026-11-20T09:00:00.123",
      " 2026-11-20T09:00:00Z ",
      "2026-11-2OT09:00:00Z",
      "0000-01-01T00:00:00Z",
      "yesterday"
    };
    for (String c : cases) {
      assertThat(Times.parse(c)).as(c).isEqualTo(formatter(c));
    }
  }
}
