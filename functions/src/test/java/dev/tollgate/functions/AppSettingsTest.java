package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.appinsights.AppInsightsSettings;
import dev.tollgate.core.config.TollgateSettings;
import dev.tollgate.core.json.Json;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

  @Test
  void everySettingIsInTheSampleLocalSettings() throws Exception {
    JsonNode sample =
        Json.MAPPER.readTree(
            Files.readString(TestFiles.repoRoot().resolve("local.settings.sample.json")));

    assertThat(sample.get("IsEncrypted").asBoolean()).isFalse();
    JsonNode values = sample.get("Values");
    assertThat(values.get("FUNCTIONS_WORKER_RUNTIME").asText()).isEqualTo("java");
    List<String> names = new ArrayList<>(AppSettings.ALL);
    for (Class<?> c :
        List.of(
            TollgateSettings.class,
            AppInsightsSettings.class,
            CostReportSettings.class,
            LogAnalyticsSettings.class)) {
      for (Field f : c.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          names.add((String) f.get(null));
        }
      }
    }
    assertThat(names).contains("APPLICATIONINSIGHTS_CONNECTION_STRING", "TOLLGATE_EVENTS");
    assertThat(names).contains("TOLLGATE_PRICE_CATALOG_FILE");
    assertThat(names)
        .contains(
            "TOLLGATE_REPORT_SCHEDULE",
            "TOLLGATE_REPORT_CONTAINER",
            "TOLLGATE_REPORT_BUDGETS",
            "TOLLGATE_REPORT_PERIODS",
            "TOLLGATE_LA_SCHEDULE",
            "TOLLGATE_LA_WORKSPACE_ID",
            "TOLLGATE_LA_MAX_RETRY_AFTER");
    for (String name : names) {
      assertThat(values.has(name)).as(name).isTrue();
    }
  }

  @Test
  void namespaceFromTheIdentitySettingOrAConnectionStringEndpoint() {
    assertThat(
            AppSettings.eventHubNamespace(
                Map.of(AppSettings.EVENTHUB_NAMESPACE, " ns1.servicebus.windows.net ")))
        .isEqualTo("ns1.servicebus.windows.net");
    assertThat(
            AppSettings.eventHubNamespace(
                Map.of(
                    AppSettings.EVENTHUB_CONNECTION,
                    "Endpoint=sb://NS2.servicebus.windows.net/;SharedAccessKeyName=listen")))
        .isEqualTo("ns2.servicebus.windows.net");
  }

  @Test
  void missingSettingsAreNamed() {
    assertThatThrownBy(() -> AppSettings.eventHubNamespace(Map.of()))
        .hasMessageContaining(AppSettings.EVENTHUB_NAMESPACE);
    assertThatThrownBy(() -> AppSettings.eventHubName(Map.of(AppSettings.EVENTHUB_NAME, " ")))
        .hasMessageContaining(AppSettings.EVENTHUB_NAME);
    assertThat(AppSettings.deadLetterContainer(Map.of())).isNull();
  }
}
