package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.ErrorType;
import java.util.Collection;
import java.util.Locale;

/** Maps status codes, error bodies and APIM's lastError to the error classes alerts use. */
final class Outcomes {
  private Outcomes() {}

  static ErrorType classify(
      Integer status, String errorCode, Collection<String> finishReasons, JsonNode lastError) {
    if (isContentFilterCode(errorCode) || finishReasons.contains("content_filter")) {
      return ErrorType.CONTENT_FILTER;
    }
    String reason =
        lower(Json.text(lastError, "reason")) + " " + lower(Json.text(lastError, "message"));
    if (status != null) {
      if (status == 429) {
        return ErrorType.RATE_LIMITED;
      }
      if (status == 403 && (reason.contains("quota") || reason.contains("limit"))) {
        // APIM's azure-openai-token-limit / llm-token-limit policies answer 403 when a quota runs
        // out.
        return ErrorType.RATE_LIMITED;
      }
      if (status == 408 || status == 504 || reason.contains("timeout")) {
        return ErrorType.TIMEOUT;
      }
      if (status >= 500) {
        return ErrorType.SERVER_ERROR;
      }
      if (status >= 400) {
        return ErrorType.CLIENT_ERROR;
      }
      return null;
    }
    if (lastError == null) {
      return null;
    }
    if (reason.contains("timeout")) {
      return ErrorType.TIMEOUT;
    }
    return reason.contains("client") ? ErrorType.CLIENT_ERROR : ErrorType.SERVER_ERROR;
  }

  /** {@code content_filter}, also spelled {@code contentFilter} (image generation errors). */
  static boolean isContentFilterCode(String errorCode) {
    return errorCode != null && errorCode.replace("_", "").equalsIgnoreCase("contentfilter");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
