package dev.tollgate.appinsights;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The track API over azure-core's HTTP pipeline. Entra ID auth (a bearer token for {@code
 * https://monitor.azure.com//.default}) is added when a credential is given; there is no retry
 * policy here on purpose, because retries must know which items of a partial success failed ({@link
 * TrackDelivery} does that).
 */
public final class HttpIngestionClient implements IngestionClient {
  /** The scope Application Insights ingestion accepts tokens for. */
  public static final String SCOPE = "https://monitor.azure.com//.default";

  private final HttpPipeline pipeline;
  private final String trackUrl;

  private HttpIngestionClient(HttpPipeline pipeline, URI trackUri) {
    this.pipeline = pipeline;
    this.trackUrl = trackUri.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TrackResponse send(byte[] body) throws IOException {
    HttpRequest request =
        new HttpRequest(HttpMethod.POST, trackUrl)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/x-json-stream")
            .setHeader(HttpHeaderName.CONTENT_ENCODING, "gzip")
            .setBody(body);
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      int status = response.getStatusCode();
      Duration retryAfter = retryAfter(response.getHeaderValue(HttpHeaderName.RETRY_AFTER));
      byte[] bytes =
          response.getBodyAsBinaryData() == null
              ? new byte[0]
              : response.getBodyAsBinaryData().toBytes();
      return parse(status, retryAfter, bytes);
    } catch (RuntimeException e) {
      // azure-core surfaces dropped connections and time-outs as unchecked exceptions.
      throw new IOException("no answer from " + trackUrl + ": " + e.getMessage(), e);
    }
  }

  static TrackResponse parse(int status, Duration retryAfter, byte[] body) {
    int received = 0;
    int accepted = 0;
    List<TrackResponse.ItemError> errors = new ArrayList<>();
    if (body.length > 0) {
      try {
        JsonNode n = Json.MAPPER.readTree(body);
        received = n.path("itemsReceived").asInt(0);
        accepted = n.path("itemsAccepted").asInt(0);
        for (JsonNode e : n.path("errors")) {
          errors.add(
              new TrackResponse.ItemError(
                  e.path("index").asInt(-1),
                  e.path("statusCode").asInt(status),
                  e.path("message").asText("")));
        }
      } catch (IOException | RuntimeException e) {
        // A body that is not the documented TrackResponse: the status code alone decides.
      }
    }
    return new TrackResponse(status, retryAfter, received, accepted, errors);
  }

  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
    } catch (NumberFormatException e) {
      try {
        Duration d =
            Duration.between(
                ZonedDateTime.now(), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Builder in the Azure SDK style. */
  public static final class Builder {
    private ConnectionString connectionString;
    private TokenCredential credential;
    private HttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(30);

    public Builder connectionString(ConnectionString connectionString) {
      this.connectionString = connectionString;
      return this;
    }

    /** Entra ID credential; null sends with the instrumentation key only (local auth). */
    public Builder credential(TokenCredential credential) {
      this.credential = credential;
      return this;
    }

    /** The HTTP client (tests pass one that trusts a local certificate). */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public HttpIngestionClient build() {
      Objects.requireNonNull(connectionString, "connectionString");
      HttpClient client =
          httpClient != null
              ? httpClient
              : new JdkHttpClientBuilder()
                  .connectionTimeout(timeout)
                  .responseTimeout(timeout)
                  .build();
      List<HttpPipelinePolicy> policies = new ArrayList<>();
      if (credential != null) {
        policies.add(new BearerTokenAuthenticationPolicy(credential, SCOPE));
      }
      HttpPipeline pipeline =
          new HttpPipelineBuilder()
              .httpClient(client)
              .policies(policies.toArray(new HttpPipelinePolicy[0]))
              .build();
      return new HttpIngestionClient(pipeline, connectionString.trackUri());
    }
  }
}
