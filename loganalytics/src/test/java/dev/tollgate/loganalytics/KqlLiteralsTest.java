package dev.tollgate.loganalytics;

import static dev.tollgate.loganalytics.KqlLiterals.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KqlLiteralsTest {

  @Test
  void formatsEachTypeAsOneLiteral() {
    assertThat(format("string", "team \"a\"\n")).isEqualTo("\"team \\\"a\\\"\\n\"");
    assertThat(format("bool", "TRUE")).isEqualTo("true");
    assertThat(format("long", " 42 ")).isEqualTo("long(42)");
    assertThat(format("int", "-3")).isEqualTo("int(-3)");
    assertThat(format("real", "0.05")).isEqualTo("real(0.05)");
    assertThat(format("real", "1e3")).isEqualTo("real(1000)");
    assertThat(format("decimal", "12.50")).isEqualTo("decimal(12.50)");
    assertThat(format("datetime", "2025-06-01T10:00:00Z"))
        .isEqualTo("datetime(2025-06-01T10:00:00Z)");
    assertThat(format("datetime", "2025-06-01T12:00:00+02:00"))
        .isEqualTo("datetime(2025-06-01T10:00:00Z)");
    assertThat(format("datetime", "2025-06-01")).isEqualTo("datetime(2025-06-01T00:00:00Z)");
    assertThat(format("timespan", "15m")).isEqualTo("timespan(15m)");
    assertThat(format("timespan", "PT1H30M")).isEqualTo("timespan(5400000ms)");
    assertThat(format("dynamic", "{ \"team-a\": 1500 }")).isEqualTo("dynamic({\"team-a\":1500})");
    assertThat(format("dynamic", "[\"timer:poller\"]")).isEqualTo("dynamic([\"timer:poller\"])");
    assertThat(format("guid", "63613592-B6F7-4C3D-A390-22BA13102111"))
        .isEqualTo("guid(63613592-b6f7-4c3d-a390-22ba13102111)");
  }

  @Test
  void nullGivesTheTypesNull() {
    assertThat(format("datetime", "null")).isEqualTo("datetime(null)");
    assertThat(format("real", null)).isEqualTo("real(null)");
    assertThat(format("timespan", "NULL")).isEqualTo("timespan(null)");
    assertThat(format("dynamic", null)).isEqualTo("dynamic(null)");
    assertThat(format("string", null)).isEqualTo("\"\"");
  }

  @Test
  void refusesValuesThatAreNotOfTheType() {
    assertThatThrownBy(() -> format("long", "1) | take 1 //")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> format("real", "NaN; x")).hasMessageContaining("a number");
    assertThatThrownBy(() -> format("bool", "yes")).hasMessageContaining("true or false");
    assertThatThrownBy(() -> format("datetime", "now()")).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> format("timespan", "ago(1d)")).hasMessageContaining("duration");
    assertThatThrownBy(() -> format("dynamic", "{oops")).hasMessageContaining("JSON");
    assertThatThrownBy(() -> format("guid", "x")).hasMessageContaining("GUID");
    assertThatThrownBy(() -> format("table", "x")).hasMessageContaining("unsupported");
  }
}
