package dev.tollgate.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.monitor.Doctor.Check;
import dev.tollgate.monitor.Doctor.Status;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The doctor's view of APIM's Azure Monitor logging, as APIM applies it: an API's own {@code
 * azuremonitor} diagnostic (what the Bicep sets, per API in {@code apimOpenAiApiNames}) overrides
 * the all-APIs one. Judged on the APIs that front Azure OpenAI; with none recognised, on the
 * all-APIs diagnostic alone.
 */
final class ApimLogging {
  /** APIM's REST API version for the APIs list. */
  static final String APIS_API_VERSION = "2024-05-01";

  /** Diagnostics are read in the version that has {@code largeLanguageModel} (preview only). */
  static final String DIAGNOSTIC_API_VERSION = "2024-06-01-preview";

  private static final List<String> AOAI_HOSTS =
      List.of(".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com");
  private static final String PORTAL_ALL =
      "in APIM, APIs > All APIs > Settings > Azure Monitor: log 8192 bytes of frontend (or backend)"
          + " request and response bodies";

  private final ArmRest arm;
  private final String apim;

  ApimLogging(ArmRest arm, String apimResourceId) {
    this.arm = arm;
    this.apim = apimResourceId;
  }

  /** One API's logging as APIM applies it: its own diagnostic, else the all-APIs one. */
  record ApiLogging(String api, JsonNode diagnostic, boolean own) {
    long requestBytes() {
      return bytes("request");
    }

    long responseBytes() {
      return bytes("response");
    }

    private long bytes(String direction) {
      JsonNode p = diagnostic == null ? null : diagnostic.path("properties");
      if (p == null) {
        return 0;
      }
      return Math.max(
          p.at("/frontend/" + direction + "/body/bytes").asLong(0),
          p.at("/backend/" + direction + "/body/bytes").asLong(0));
    }

    boolean llmLogs() {
      return diagnostic != null
          && "enabled"
              .equalsIgnoreCase(diagnostic.at("/properties/largeLanguageModel/logs").asText(""));
    }

    String where() {
      return diagnostic == null
          ? "no Azure Monitor logging"
          : own ? "its own Azure Monitor logging" : "All APIs' Azure Monitor logging";
    }
  }

  /** The checks {@code apim.bodies} and {@code apim.api_llm_logs}. */
  void check(List<Check> out) {
    JsonNode all;
    List<JsonNode> apis;
    try {
      all = diagnostic(apim + "/diagnostics/azuremonitor");
      apis = apis();
    } catch (MetricsQueryException e) {
      out.add(Doctor.readFailure("apim.bodies", e, "Reader on the API Management instance"));
      return;
    }
    List<ApiLogging> logging = new ArrayList<>();
    try {
      for (JsonNode api : apis) {
        String name = api.path("name").asText();
        JsonNode own = diagnostic(apim + "/apis/" + name + "/diagnostics/azuremonitor");
        logging.add(new ApiLogging(name, own == null ? all : own, own != null));
      }
    } catch (MetricsQueryException e) {
      out.add(Doctor.readFailure("apim.bodies", e, "Reader on the API Management instance"));
      return;
    }
    if (logging.isEmpty()) {
      allApisOnly(all, out);
      return;
    }
    List<String> seen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> noLlm = new ArrayList<>();
    for (ApiLogging l : logging) {
      String line =
          l.api()
              + ": "
              + l.requestBytes()
              + "/"
              + l.responseBytes()
              + " bytes ("
              + l.where()
              + ")";
      seen.add(line);
      if (l.requestBytes() == 0 || l.responseBytes() == 0) {
        missing.add(line);
      }
      if (!l.llmLogs()) {
        noLlm.add(l.api());
      }
    }
    String names = String.join(", ", logging.stream().map(ApiLogging::api).toList());
    out.add(
        missing.isEmpty()
            ? new Check(
                "apim.bodies",
                Status.OK,
                "the Azure OpenAI APIs log request/response bodies: " + String.join("; ", seen),
                null)
            : new Check(
                "apim.bodies",
                Status.FAIL,
                "Azure OpenAI APIs without request or response bodies (token usage and models"
                    + " unknown): "
                    + String.join("; ", missing),
                "name them in the Bicep parameter apimOpenAiApiNames, or in APIM, APIs > (the API)"
                    + " > Settings > Azure Monitor: log 8192 bytes of request and response bodies"
                    + " (an API's own settings override All APIs')"));
    out.add(
        noLlm.isEmpty()
            ? new Check("apim.api_llm_logs", Status.OK, "LLM logs on for " + names, null)
            : new Check(
                "apim.api_llm_logs",
                Status.WARN,
                "no LLM logs (GatewayLlmLogs) for " + String.join(", ", noLlm),
                "name them in apimOpenAiApiNames, or in APIM, APIs > (the API) > Settings > Azure"
                    + " Monitor: enable Log LLM messages (token counts; prompts stay off)"));
  }

  private void allApisOnly(JsonNode all, List<Check> out) {
    ApiLogging l = new ApiLogging("All APIs", all, true);
    String none = " (no API recognised as Azure OpenAI by its service URL or path)";
    if (all == null) {
      out.add(
          new Check(
              "apim.bodies",
              Status.FAIL,
              "APIM has no Azure Monitor diagnostic (diagnostics/azuremonitor)" + none,
              PORTAL_ALL));
    } else if (l.requestBytes() > 0 && l.responseBytes() > 0) {
      out.add(
          new Check(
              "apim.bodies",
              Status.OK,
              "All APIs: request bodies up to "
                  + l.requestBytes()
                  + " bytes, response bodies up to "
                  + l.responseBytes()
                  + none,
              null));
    } else {
      out.add(
          new Check(
              "apim.bodies",
              Status.FAIL,
              "APIM does not log "
                  + (l.requestBytes() == 0 && l.responseBytes() == 0
                      ? "request or response bodies"
                      : l.requestBytes() == 0 ? "request bodies" : "response bodies")
                  + ": without them token usage and models are unknown"
                  + none,
              PORTAL_ALL));
    }
  }

  /** The diagnostic at that path, or null when there is none (404). */
  private JsonNode diagnostic(String path) {
    try {
      return arm.get(arm.url(path, DIAGNOSTIC_API_VERSION));
    } catch (MetricsQueryException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** The current revisions of the APIs that front Azure OpenAI. */
  private List<JsonNode> apis() {
    List<JsonNode> out = new ArrayList<>();
    List<JsonNode> listed;
    try {
      listed = arm.list(arm.url(apim + "/apis", APIS_API_VERSION));
    } catch (MetricsQueryException e) {
      if (e.status() == 404) {
        return out;
      }
      throw e;
    }
    for (JsonNode api : listed) {
      JsonNode p = api.path("properties");
      boolean current =
          p.path("isCurrent").asBoolean(true) && !api.path("name").asText().contains(";rev=");
      if (current && azureOpenAi(p.path("serviceUrl").asText(""), p.path("path").asText(""))) {
        out.add(api);
      }
    }
    return out;
  }

  /** An API fronts Azure OpenAI when its backend is an account's host or its path says openai. */
  static boolean azureOpenAi(String serviceUrl, String path) {
    String host = "";
    try {
      String h = serviceUrl.isBlank() ? null : URI.create(serviceUrl.strip()).getHost();
      host = h == null ? "" : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      // not a URL: judged by path alone
    }
    for (String suffix : AOAI_HOSTS) {
      if (host.endsWith(suffix)) {
        return true;
      }
    }
    return path.toLowerCase(Locale.ROOT).contains("openai")
        || serviceUrl.toLowerCase(Locale.ROOT).contains("/openai");
  }
}
