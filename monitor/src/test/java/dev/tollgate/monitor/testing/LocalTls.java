package dev.tollgate.monitor.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.tollgate.appinsights.testing.SelfSignedCertificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.net.ssl.SSLContext;
import reactor.core.publisher.Mono;

/**
 * The TLS contexts and HTTP client of the local stand-ins, over the throw-away certificate shared
 * with the other modules' tests ({@link SelfSignedCertificate}). The Azure SDK sends bearer tokens
 * only over https, so the local stand-ins speak https.
 */
public final class LocalTls {
  private static LocalTls instance;

  private final SSLContext server;
  private final SSLContext client;

  private LocalTls(SSLContext server, SSLContext client) {
    this.server = server;
    this.client = client;
  }

  /** A credential that hands out a fixed token (the real TokenCredential path, no Entra ID). */
  public static final TokenCredential CREDENTIAL =
      request ->
          Mono.just(
              new AccessToken("local-test-token", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));

  public static synchronized LocalTls get() {
    if (instance == null) {
      instance = generate();
    }
    return instance;
  }

  public SSLContext serverContext() {
    return server;
  }

  /** The JDK HTTP client, trusting only this certificate. */
  public HttpClient httpClient() {
    return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(client))
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static LocalTls generate() {
    SelfSignedCertificate certificate = SelfSignedCertificate.get();
    return new LocalTls(certificate.serverContext(), certificate.clientContext());
  }
}
