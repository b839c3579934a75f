package dev.tollgate.loganalytics.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tollgate.appinsights.testing.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import reactor.core.publisher.Mono;

/**
 * A local https stand-in for the Log Analytics query API ({@code POST /v1/workspaces/{id}/query}):
 * answers from a script, in order, and records every request.
 */
public final class LocalLogAnalytics implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Answer(status, h, body, delay);
    }

    public Answer after(Duration wait) {
      return new Answer(status, headers, body, wait);
    }
  }

  /** One request as received. */
  public record Request(String method, String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final SelfSignedCertificate certificate = SelfSignedCertificate.get();
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(LocalLogAnalytics::daemon);
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();

  public LocalLogAnalytics() {
    try {
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "local-log-analytics");
    t.setDaemon(true);
    return t;
  }

  /** The endpoint to give the logs client, e.g. {@code https://127.0.0.1:12345/v1}. */
  public String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** A client context that trusts this server's certificate (and nothing else). */
  public SSLContext clientSslContext() {
    return certificate.clientContext();
  }

  /** A credential that hands out a fixed bearer token, {@code test-token}. */
  public static final TokenCredential TEST_CREDENTIAL =
      request ->
          Mono.just(new AccessToken("test-token", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));

  /**
   * A real azure-monitor-query client for {@code endpoint} (this server's, or one read from
   * settings) that trusts this server, with {@link #TEST_CREDENTIAL} and no SDK retries.
   */
  public dev.tollgate.loganalytics.AzureLogsQuery client(String endpoint) {
    var jdk = java.net.http.HttpClient.newBuilder().sslContext(clientSslContext());
    return dev.tollgate.loganalytics.AzureLogsQuery.builder()
        .endpoint(endpoint)
        .credential(TEST_CREDENTIAL)
        .httpClient(new JdkHttpClientBuilder(jdk).build())
        .serverTimeout(Duration.ofSeconds(30))
        .retries(0, Duration.ofMillis(5))
        .build();
  }

  /** {@link #client(String)} for this server. */
  public dev.tollgate.loganalytics.AzureLogsQuery client() {
    return client(endpoint());
  }

  public synchronized LocalLogAnalytics answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Forgets the script and the requests (between tests sharing one server). */
  public synchronized void reset() {
    script.clear();
    requests.clear();
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      Answer answer;
      synchronized (this) {
        requests.add(
            new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headers,
                new String(body, StandardCharsets.UTF_8)));
        answer = script.poll();
      }
      if (answer == null) {
        answer = Answer.json(500, "{\"error\":{\"code\":\"NoScript\",\"message\":\"no answer\"}}");
      }
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      try {
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
          try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
          }
        }
      } catch (IOException clientGone) {
        // the client gave up (a time-out test): nothing to answer
      }
    }
  }

  /** A test resource as text. */
  public static String resource(String path) {
    try (InputStream in = LocalLogAnalytics.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer body of Microsoft's example (responses.200.body of la-post-example.json). */
  public static String microsoftExampleBody() {
    try {
      JsonNode example = JSON.readTree(resource("reference/la-post-example.json"));
      return JSON.writeValueAsString(example.path("responses").path("200").path("body"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
