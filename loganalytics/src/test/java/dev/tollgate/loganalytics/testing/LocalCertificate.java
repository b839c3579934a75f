package dev.tollgate.loganalytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool in a
 * temporary folder (deleted once loaded): a server context that presents it and a client context
 * that trusts only it. Azure SDK clients send bearer tokens over https only, so the local stand-in
 * must speak TLS.
 */
public final class LocalCertificate {
  private static final char[] PASSWORD = "tollgate-test".toCharArray();

  private final KeyStore keyStore;

  private LocalCertificate(KeyStore keyStore) {
    this.keyStore = keyStore;
  }

  /** The certificate of this JVM: made once (keytool takes seconds), shared by every test. */
  public static LocalCertificate shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final LocalCertificate INSTANCE = generate();
  }

  public static LocalCertificate generate() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tollgate-la-cert");
      Path file = dir.resolve("local.p12");
      String exe =
          System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")
              ? "keytool.exe"
              : "keytool";
      Path keytool = Path.of(System.getProperty("java.home"), "bin", exe);
      Process p =
          new ProcessBuilder(
                  List.of(
                      keytool.toString(),
                      "-genkeypair",
                      "-alias",
                      "local",
                      "-keyalg",
                      "EC",
                      "-groupname",
                      "secp256r1",
                      "-dname",
                      "CN=localhost",
                      "-ext",
                      "SAN=ip:127.0.0.1,dns:localhost",
                      "-validity",
                      "2",
                      "-storetype",
                      "PKCS12",
                      "-keystore",
                      file.toString(),
                      "-storepass",
                      new String(PASSWORD),
                      "-keypass",
                      new String(PASSWORD)))
              .redirectErrorStream(true)
              .start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + new String(output, StandardCharsets.UTF_8));
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        ks.load(in, PASSWORD);
      }
      return new LocalCertificate(ks);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted making a test certificate", e);
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a temp folder left behind is harmless
        }
      }
    }
  }

  public SSLContext serverContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      Certificate cert = keyStore.getCertificate("local");
      trust.setCertificateEntry("local", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
