package dev.tollgate.appinsights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsParsingTest {
  @Test
  void connectionStringHonoursTheIngestionEndpoint() {
    ConnectionString cs =
        ConnectionString.parse(
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;"
                + "IngestionEndpoint=https://usgovvirginia-1.in.applicationinsights.azure.us/;"
                + "LiveEndpoint=https://usgovvirginia.livediagnostics.monitor.azure.us/");
    assertThat(cs.trackUri())
        .hasToString("https://usgovvirginia-1.in.applicationinsights.azure.us/v2.1/track");
  }

  @Test
  void connectionStringWithoutEndpointUsesTheGlobalOne() {
    ConnectionString cs = ConnectionString.parse("InstrumentationKey=abc");
    assertThat(cs.trackUri()).hasToString("https://dc.services.visualstudio.com/v2.1/track");
    assertThat(
            ConnectionString.parse("instrumentationkey=abc;IngestionEndpoint=http://127.0.0.1:8080")
                .trackUri())
        .hasToString("http://127.0.0.1:8080/v2.1/track");
  }

  @Test
  void connectionStringWithoutKeyIsRejected() {
    assertThatThrownBy(() -> ConnectionString.parse("IngestionEndpoint=https://x/"))
        .hasMessageContaining("InstrumentationKey");
  }

  @Test
  void eventModes() {
    assertThat(EventMode.parse(null)).isEqualTo(EventMode.ALL);
    assertThat(EventMode.parse("errors").kind()).isEqualTo(EventMode.Kind.ERRORS);
    assertThat(EventMode.parse("sampled:10").percent()).isEqualTo(10);
    assertThat(EventMode.parse("OFF").kind()).isEqualTo(EventMode.Kind.OFF);
    assertThatThrownBy(() -> EventMode.parse("sampled:200"))
        .hasMessageContaining("TOLLGATE_EVENTS");
    assertThatThrownBy(() -> EventMode.parse("some")).hasMessageContaining("TOLLGATE_EVENTS");
  }

  @Test
  void samplingIsDeterministicAndNearItsRate() {
    int kept = 0;
    for (int i = 0; i < 10_000; i++) {
      int b = EventMode.bucket("req:" + i);
      assertThat(EventMode.bucket("req:" + i)).isEqualTo(b);
      kept += b < 10 ? 1 : 0;
    }
    assertThat(kept).isBetween(900, 1100);
  }

  @Test
  void retryAfterInSecondsOrAsADate() {
    assertThat(HttpIngestionClient.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
    assertThat(HttpIngestionClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpIngestionClient.retryAfter("soon")).isNull();
  }

  @Test
  void authenticationStringMustSayAad() {
    assertThat(AppInsightsSettings.credential(null)).isNull();
    assertThat(
            AppInsightsSettings.credential(
                "Authorization=AAD;ClientId=11111111-1111-1111-1111-111111111111"))
        .isNotNull();
    assertThatThrownBy(() -> AppInsightsSettings.credential("Authorization=Key"))
        .hasMessageContaining("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
  }
}
