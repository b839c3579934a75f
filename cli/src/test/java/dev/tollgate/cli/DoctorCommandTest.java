package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
  private static CliRun run(Map<String, String> env, String... args) {
    DoctorCommand doctor = new DoctorCommand();
    doctor.environment = env;
    return CliRun.runWith(doctor, args);
  }

  @Test
  void withNothingConfiguredItSaysWhatToSet() {
    CliRun result = run(Map.of(), "doctor");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("WARN apim.diagnostic_setting: TOLLGATE_APIM_RESOURCE_ID is not set")
        .contains("WARN accounts: no accounts configured")
        .contains("fix: set TOLLGATE_AOAI_ACCOUNT_IDS")
        .contains("WARN loganalytics")
        .containsPattern("\\d+ checks, 0 failed, \\d+ warnings");
  }

  @Test
  void jsonOnRequest() {
    assertThat(run(Map.of(), "doctor", "--json").out())
        .startsWith("{\"healthy\":true,\"checks\":[");
  }

  @Test
  void aBadAccountIdIsAnInputError() {
    CliRun result = run(Map.of(), "doctor", "--account", "nope");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("not a Microsoft.CognitiveServices/accounts resource id");
  }
}
