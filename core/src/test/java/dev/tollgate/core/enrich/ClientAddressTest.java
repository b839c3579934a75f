package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
          203.0.113.42,                            203.0.113.0
          10.0.0.255,                              10.0.0.0
          ' 198.51.100.7 ',                        198.51.100.0
          81.2.69.***,                             81.2.69.***
          2001:db8:85a3:1234:5678:8a2e:370:7334,   2001:db8:85a3:0:0:0:0:0
          2001:db8::1,                             2001:db8:0:0:0:0:0:0
          2001:0DB8:AC10:FE01::,                   2001:db8:ac10:0:0:0:0:0
          ::1,                                     0:0:0:0:0:0:0:0
          ::ffff:203.0.113.42,                     203.0.113.0
          """)
  void masks(String address, String masked) {
    assertThat(ClientAddress.mask(address)).isEqualTo(masked);
  }

  @Test
  void nothingToMask() {
    assertThat(ClientAddress.mask(null)).isNull();
    assertThat(ClientAddress.mask("unknown")).isEqualTo("unknown");
  }

  @Test
  void neverLooksUpAName() {
    // a host name is not an address: returned as is, without DNS (the call would be slow)
    long start = System.nanoTime();
    assertThat(ClientAddress.mask("deadbeef.invalid")).isEqualTo("deadbeef.invalid");
    assertThat(ClientAddress.mask("cafe:beef:zz::1")).isEqualTo("cafe:beef:zz::1");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
  }
}
