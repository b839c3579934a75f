package dev.tollgate.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogAnalyticsSettingsTest {

  @Test
  void defaultsNeedOnlyTheWorkspace() {
    Map<String, String> env = Map.of("TOLLGATE_LA_WORKSPACE_ID", " 6361-ws ");

    PollerConfig c = LogAnalyticsSettings.config(env);

    assertThat(LogAnalyticsSettings.enabled(env)).isTrue();
    assertThat(c.workspaceId()).isEqualTo("6361-ws");
    assertThat(c.queries())
        .containsExactly("llm-log-usage.kql", "apim-throttling-by-subscription.kql");
    assertThat(c.window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.delay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxRetryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.parameters()).isEmpty();
    assertThat(LogAnalyticsSettings.serverTimeout(env)).isEqualTo(Duration.ofMinutes(2));
    assertThat(LogAnalyticsSettings.endpoint(env)).isNull();
  }

  @Test
  void readsEverySetting() {
    Map<String, String> env =
        Map.of(
            "TOLLGATE_LA_WORKSPACE_ID",
            "ws",
            "TOLLGATE_LA_QUERIES",
            "llm-log-usage.kql, aoai-resource-log-requests ,",
            "TOLLGATE_LA_WINDOW",
            "PT5M",
            "TOLLGATE_LA_DELAY",
            "PT2M",
            "TOLLGATE_LA_MAX_RETRY_AFTER",
            "PT20S",
            "TOLLGATE_LA_SERVER_TIMEOUT",
            "PT5M",
            "TOLLGATE_LA_ENDPOINT",
            "https://api.loganalytics.azure.cn/v1",
            "TOLLGATE_LA_PARAMETERS",
            "{\"llm-log-usage.kql\": {\"bin_size\": \"1m\"},"
                + " \"budget-burn-and-forecast\": {\"budgets_usd\": {\"team-a\": 1500}, \"x\": null}}");

    PollerConfig c = LogAnalyticsSettings.config(env);

    assertThat(c.queries()).containsExactly("llm-log-usage.kql", "aoai-resource-log-requests");
    assertThat(c.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.delay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.maxRetryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.parametersOf("llm-log-usage")).containsEntry("bin_size", "1m");
    assertThat(c.parametersOf("budget-burn-and-forecast.kql"))
        .containsEntry("budgets_usd", "{\"team-a\":1500}")
        .containsEntry("x", null);
    assertThat(LogAnalyticsSettings.serverTimeout(env)).isEqualTo(Duration.ofMinutes(5));
    assertThat(LogAnalyticsSettings.endpoint(env))
        .isEqualTo("https://api.loganalytics.azure.cn/v1");
  }

  @Test
  void wrongSettingsAreNamed() {
    assertThat(LogAnalyticsSettings.enabled(Map.of())).isFalse();
    assertThatThrownBy(() -> LogAnalyticsSettings.config(Map.of()))
        .hasMessageContaining("TOLLGATE_LA_WORKSPACE_ID is not set");
    assertThatThrownBy(
            () ->
                LogAnalyticsSettings.config(
                    Map.of("TOLLGATE_LA_WORKSPACE_ID", "ws", "TOLLGATE_LA_WINDOW", "15m")))
        .hasMessageContaining("TOLLGATE_LA_WINDOW must be an ISO-8601 duration");
    assertThatThrownBy(
            () ->
                LogAnalyticsSettings.config(
                    Map.of("TOLLGATE_LA_WORKSPACE_ID", "ws", "TOLLGATE_LA_PARAMETERS", "[1]")))
        .hasMessageContaining("TOLLGATE_LA_PARAMETERS must be a JSON object");
    assertThatThrownBy(
            () ->
                LogAnalyticsSettings.config(
                    Map.of("TOLLGATE_LA_WORKSPACE_ID", "ws", "TOLLGATE_LA_QUERIES", " , ")))
        .hasMessageContaining("TOLLGATE_LA_QUERIES names no query");
    assertThatThrownBy(
            () -> LogAnalyticsSettings.serverTimeout(Map.of("TOLLGATE_LA_SERVER_TIMEOUT", "PT11M")))
        .hasMessageContaining("between PT1S and PT10M");
  }

  @Test
  void theAzureClientComesFromTheSameSettings() {
    assertThat(AzureLogsQuery.fromSettings(Map.of())).isNotNull();
    assertThatThrownBy(
            () -> AzureLogsQuery.fromSettings(Map.of("TOLLGATE_LA_SERVER_TIMEOUT", "PT0S")))
        .hasMessageContaining("TOLLGATE_LA_SERVER_TIMEOUT");
  }
}
