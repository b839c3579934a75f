package dev.tollgate.monitor;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.tollgate.loganalytics.AzureLogsQuery;
import dev.tollgate.loganalytics.TransientRetryStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The HTTP plumbing the Azure Monitor jobs share: the default credential, the JDK HTTP client, a
 * retry policy that leaves 429 to the caller (which honours Retry-After without losing or repeating
 * windows), and the translation of HTTP failures.
 */
public final class AzureHttp {
  private AzureHttp() {}

  /** {@code DefaultAzureCredential}: the managed identity in Azure, developer sign-ins locally. */
  public static TokenCredential defaultCredential() {
    return new DefaultAzureCredentialBuilder().build();
  }

  /** The JDK HTTP client with the given time-out. */
  public static HttpClient jdkClient(Duration timeout) {
    return new JdkHttpClientBuilder().connectionTimeout(timeout).responseTimeout(timeout).build();
  }

  /** SDK retries of transient failures, never of 429 (ours to handle). */
  public static RetryPolicy retryPolicy(int retries, Duration delay) {
    return new RetryPolicy(new TransientRetryStrategy(retries, delay, Set.of(429), true));
  }

  /** A pipeline with a bearer token for {@code scope} and {@link #retryPolicy}. */
  public static HttpPipeline pipeline(
      TokenCredential credential, String scope, HttpClient client, int retries, Duration delay) {
    List<HttpPipelinePolicy> policies =
        List.of(
            retryPolicy(retries, delay), new BearerTokenAuthenticationPolicy(credential, scope));
    return new HttpPipelineBuilder()
        .httpClient(client)
        .policies(policies.toArray(new HttpPipelinePolicy[0]))
        .build();
  }

  /** An SDK exception as ours: 429 becomes {@link MetricsThrottledException}. */
  public static MetricsQueryException translate(String what, RuntimeException e) {
    if (e instanceof MetricsQueryException m) {
      return m;
    }
    if (e instanceof HttpResponseException h && h.getResponse() != null) {
      HttpResponse r = h.getResponse();
      int status = r.getStatusCode();
      if (status == 429) {
        Duration after = retryAfter(r.getHeaders());
        return new MetricsThrottledException(
            what
                + " was throttled (429"
                + (after == null ? "" : ", Retry-After " + after.toSeconds() + " s")
                + ")",
            after,
            e);
      }
      return new MetricsQueryException(
          what + " failed with HTTP " + status + ": " + firstLine(h.getMessage()), status, e);
    }
    return new MetricsQueryException(what + " failed: " + firstLine(e.getMessage()), 0, e);
  }

  /** Retry-After in seconds or as an HTTP date; also the millisecond variants. */
  public static Duration retryAfter(HttpHeaders headers) {
    return AzureLogsQuery.retryAfter(headers);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
