package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DoctorCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    DoctorCommand doctor = new DoctorCommand();
    doctor.environment = env;
    CommandLine cl =
        new CommandLine(
            new TollgateCommand(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                return cls == DoctorCommand.class
                    ? cls.cast(doctor)
                    : CommandLine.defaultFactory().create(cls);
              }
            });
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, c, p) -> {
          if (e instanceof InputException) {
            c.getErr().println("tollgate: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cl.execute(args);
  }

  @Test
  void withNothingConfiguredItSaysWhatToSet() {
    int code = run(Map.of(), "doctor");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("WARN apim.diagnostic_setting: TOLLGATE_APIM_RESOURCE_ID is not set")
        .contains("WARN accounts: no accounts configured")
        .contains("fix: set TOLLGATE_AOAI_ACCOUNT_IDS")
        .contains("WARN loganalytics")
        .containsPattern("\\d+ checks, 0 failed, \\d+ warnings");
  }

  @Test
  void jsonOnRequest() {
    run(Map.of(), "doctor", "--json");
    assertThat(out.toString()).startsWith("{\"healthy\":true,\"checks\":[");
  }

  @Test
  void aBadAccountIdIsAnInputError() {
    int code = run(Map.of(), "doctor", "--account", "nope");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("not a Microsoft.CognitiveServices/accounts resource id");
  }
}
