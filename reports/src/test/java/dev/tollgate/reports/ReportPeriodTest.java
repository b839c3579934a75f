package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
  static final LocalDate D = LocalDate.of(2024, 3, 1);

  @Test
  void periodsEndOnTheReferenceDay() {
    assertThat(ReportPeriod.daily(D)).isEqualTo(new ReportPeriod(ReportPeriod.Kind.DAILY, D, D));
    assertThat(ReportPeriod.weekly(D).from()).isEqualTo(LocalDate.of(2024, 2, 24));
    assertThat(ReportPeriod.weekly(D).days()).isEqualTo(7);
    assertThat(ReportPeriod.monthToDate(D).from()).isEqualTo(D);
    assertThat(ReportPeriod.monthToDate(LocalDate.of(2024, 2, 29)).days()).isEqualTo(29);
  }

  @Test
  void thePreviousPeriodHasTheSameLengthAndEndsTheDayBefore() {
    ReportPeriod mtd = ReportPeriod.monthToDate(LocalDate.of(2024, 3, 10));
    assertThat(mtd.previous())
        .isEqualTo(ReportPeriod.range(LocalDate.of(2024, 2, 20), LocalDate.of(2024, 2, 29)));
    assertThat(ReportPeriod.daily(D).previous().from()).isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void namesForFiles() {
    assertThat(ReportPeriod.daily(D).name()).isEqualTo("daily");
    assertThat(ReportPeriod.weekly(D).name()).isEqualTo("weekly");
    assertThat(ReportPeriod.monthToDate(D).name()).isEqualTo("mtd");
    assertThat(ReportPeriod.range(LocalDate.of(2024, 2, 1), D).name())
        .isEqualTo("range-20240201-20240301");
  }

  @Test
  void parsesKindsAndRejectsTheRest() {
    assertThat(ReportPeriod.Kind.parse("Weekly")).isEqualTo(ReportPeriod.Kind.WEEKLY);
    assertThat(ReportPeriod.Kind.parse("mtd")).isEqualTo(ReportPeriod.Kind.MTD);
    assertThatThrownBy(() -> ReportPeriod.Kind.parse("range"))
        .hasMessageContaining("daily, weekly or mtd");
    assertThatThrownBy(() -> ReportPeriod.range(D, D.minusDays(1)))
        .hasMessageContaining("after it ends");
  }
}
