package dev.tollgate.monitor.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import reactor.core.publisher.Mono;

/**
 * A throw-away self-signed certificate for 127.0.0.1, made once per JVM by the JDK's keytool in a
 * temporary directory (deleted at once), and the TLS contexts and HTTP client that use it. The
 * Azure SDK sends bearer tokens only over https, so the local stand-ins speak https.
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
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    char[] pass = HexFormat.of().formatHex(secret).toCharArray();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("monitor-tls");
      Path store = dir.resolve("server.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p =
          new ProcessBuilder(
                  List.of(
                      keytool,
                      "-genkeypair",
                      "-alias",
                      "local",
                      "-keyalg",
                      "EC",
                      "-groupname",
                      "secp256r1",
                      "-dname",
                      "CN=127.0.0.1",
                      "-ext",
                      "SAN=ip:127.0.0.1,dns:localhost",
                      "-validity",
                      "7",
                      "-storetype",
                      "PKCS12",
                      "-keystore",
                      store.toString(),
                      "-storepass",
                      new String(pass),
                      "-keypass",
                      new String(pass),
                      "-noprompt"))
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + new String(out, StandardCharsets.UTF_8));
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, pass);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pass);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("local", keys.getCertificate("local"));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      return new LocalTls(server, client);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a local certificate", e);
    } finally {
      if (dir != null) {
        dir.resolve("server.p12").toFile().delete();
        dir.toFile().delete();
      }
    }
  }
}
