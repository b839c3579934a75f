package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void removesEmailsCardsPhonesAndKeys() {
    String text =
        "Mail jane.doe@contoso.com, card 4111 1111 1111 1111, call +1 (425) 555-0100,"
            + " key sk-abcdefghijklmnopqrstuvwx, api_key=0123456789abcdef and"
            + " token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N";
    String r = Redactor.redact(text, 10_000);
    assertThat(r)
        .contains("[EMAIL]", "[CARD]", "[PHONE]", "[KEY]")
        .doesNotContain("jane.doe", "4111", "555-0100", "sk-abc", "0123456789abcdef", "eyJhbGci");
  }

  @Test
  void keepsOrdinaryNumbersAndWords() {
    String text = "Order 12345 shipped in 2024 for 3 items at 19.99 each.";
    assertThat(Redactor.redact(text, 10_000)).isEqualTo(text);
  }

  @Test
  void aNumberThatFailsTheLuhnCheckIsNotACard() {
    assertThat(Redactor.luhn("4111111111111111")).isTrue();
    assertThat(Redactor.luhn("4111111111111112")).isFalse();
  }

  @Test
  void cutsToTheLimitAndSaysSo() {
    assertThat(Redactor.redact("abcdefghij", 4)).isEqualTo("abcd…[cut]");
    assertThat(Redactor.redact(null, 4)).isNull();
  }
}
