package dev.tollgate.core.enrich;

import java.util.Locale;

/**
 * What an Azure OpenAI URL says: the deployment (for deployment-scoped routes), the API version and
 * the operation. Handles {@code /openai/deployments/{d}/...}, the {@code /openai/v1/...} routes and
 * the Responses API, behind any APIM path prefix.
 *
 * @param api the API family, e.g. {@code chat_completions}, {@code responses}, {@code embeddings}
 * @param operationName OpenTelemetry {@code gen_ai.operation.name}
 */
public record ApiRoute(String deployment, String apiVersion, String api, String operationName) {

  /** Parses a URL or path; returns null when it is not an Azure OpenAI inference route. */
  public static ApiRoute parse(String url) {
    if (url == null) {
      return null;
    }
    int at = url.toLowerCase(Locale.ROOT).indexOf("/openai/");
    if (at < 0) {
      return null;
    }
    String rest = url.substring(at + "/openai/".length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    String apiVersion = queryParam(query, "api-version");
    String deployment = null;
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("deployments/")) {
      String afterDeployments = rest.substring("deployments/".length());
      int slash = afterDeployments.indexOf('/');
      if (slash <= 0) {
        return null;
      }
      deployment = decode(afterDeployments.substring(0, slash));
      lower = afterDeployments.substring(slash + 1).toLowerCase(Locale.ROOT);
    } else if (lower.startsWith("v1/")) {
      lower = lower.substring(3);
      if (apiVersion == null) {
        apiVersion = "v1";
      }
    }
    String[] op = operation(stripTrailingSlash(lower));
    if (op == null) {
      return null;
    }
    return new ApiRoute(deployment, apiVersion, op[0], op[1]);
  }

  private static String[] operation(String path) {
    if (path.startsWith("extensions/")) {
      path = path.substring("extensions/".length());
    }
    if (path.equals("chat/completions")) {
      return new String[] {"chat_completions", "chat"};
    }
    if (path.startsWith("responses/resp_") || path.equals("responses/input_tokens")) {
      // Retrieving, cancelling or deleting a stored response, or counting tokens, runs no model;
      // GET responses/{id} answers with the original usage, which must not be billed twice.
      return null;
    }
    if (path.equals("responses") || path.startsWith("responses/")) {
      return new String[] {"responses", "chat"};
    }
    if (path.equals("completions")) {
      return new String[] {"completions", "text_completion"};
    }
    if (path.equals("embeddings")) {
      return new String[] {"embeddings", "embeddings"};
    }
    if (path.startsWith("images/")) {
      return new String[] {"images", "image_generation"};
    }
    if (path.equals("audio/transcriptions")) {
      return new String[] {"audio", "audio_transcription"};
    }
    if (path.equals("audio/translations")) {
      return new String[] {"audio", "audio_translation"};
    }
    if (path.equals("audio/speech")) {
      return new String[] {"audio", "audio_speech"};
    }
    return null;
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String queryParam(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
        String v = decode(pair.substring(eq + 1));
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
