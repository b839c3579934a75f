package dev.tollgate.monitor;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GETs against Azure Resource Manager over an azure-core pipeline (bearer token, retries), with
 * {@code nextLink} paging, for the few ARM reads the jobs need beyond the Monitor SDK.
 */
public final class ArmRest {
  private final HttpPipeline pipeline;
  private final String endpoint;

  /**
   * @param endpoint e.g. {@code https://management.azure.com}
   */
  public ArmRest(HttpPipeline pipeline, String endpoint) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    String e = Objects.requireNonNull(endpoint, "endpoint");
    this.endpoint = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
  }

  public String endpoint() {
    return endpoint;
  }

  /** The URL of an ARM path ({@code /subscriptions/...}) with its api-version. */
  public String url(String path, String apiVersion) {
    String p = ResourceIds.normalize(path);
    return endpoint + p + (p.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
  }

  /**
   * One GET.
   *
   * @throws MetricsQueryException with the status on anything but 200 (429 as {@link
   *     MetricsThrottledException})
   */
  public JsonNode get(String url) {
    HttpRequest request = new HttpRequest(HttpMethod.GET, url);
    request.setHeader(HttpHeaderName.ACCEPT, "application/json");
    try (HttpResponse r = pipeline.sendSync(request, Context.NONE)) {
      int status = r.getStatusCode();
      String body = r.getBodyAsBinaryData() == null ? "" : r.getBodyAsBinaryData().toString();
      if (status == 429) {
        throw new MetricsThrottledException(
            "ARM throttled GET " + path(url), AzureHttp.retryAfter(r.getHeaders()), null);
      }
      if (status / 100 != 2) {
        throw new MetricsQueryException(
            "ARM answered " + status + " to GET " + path(url) + ": " + errorMessage(body),
            status,
            null);
      }
      return body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new MetricsQueryException("ARM GET " + path(url) + " failed: " + e.getMessage(), 0, e);
    } catch (MetricsQueryException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AzureHttp.translate("ARM GET " + path(url), e);
    }
  }

  /** Every {@code value} element across the pages. */
  public List<JsonNode> list(String url) {
    List<JsonNode> out = new ArrayList<>();
    String next = url;
    int pages = 0;
    while (next != null && !next.isBlank() && pages++ < 1000) {
      JsonNode page = get(next);
      for (JsonNode v : page.path("value")) {
        out.add(v);
      }
      JsonNode link = page.get("nextLink");
      next = link == null || link.isNull() ? null : link.asText();
    }
    return out;
  }

  private String path(String url) {
    String p = url.startsWith(endpoint) ? url.substring(endpoint.length()) : url;
    int q = p.indexOf('?');
    return q < 0 ? p : p.substring(0, q);
  }

  static String errorMessage(String body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      JsonNode e = n.path("error");
      if (e.isObject()) {
        return e.path("code").asText("") + ": " + e.path("message").asText("");
      }
    } catch (IOException | RuntimeException e) {
      // not JSON
    }
    return AzureHttp.firstLine(body);
  }
}
