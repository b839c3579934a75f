package dev.tollgate.appinsights.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for {@code 127.0.0.1} / {@code localhost}, made once per JVM
 * by the JDK's {@code keytool} into a temporary PKCS12 file (deleted right after loading). Nothing
 * is written into the source tree; the password is random. Public for the https stand-ins of other
 * modules (through this module's test-jar): Azure SDK clients send bearer tokens over https only.
 */
public final class SelfSignedCertificate {
  private static final String ALIAS = "fake-ingestion";
  private static SelfSignedCertificate instance;

  private final KeyStore keyStore;
  private final char[] password;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyStore keyStore, char[] password, X509Certificate certificate) {
    this.keyStore = keyStore;
    this.password = password;
    this.certificate = certificate;
  }

  public static synchronized SelfSignedCertificate get() {
    if (instance == null) {
      instance = generate();
    }
    return instance;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A trust store holding only this certificate. */
  public KeyStore trustStore() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, certificate);
      return trust;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }

  /** TLS context for the server side (presents the certificate). */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the server TLS context", e);
    }
  }

  /** TLS context for clients: trusts this certificate and nothing else. */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the client TLS context", e);
    }
  }

  private static SelfSignedCertificate generate() {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String pass = HexFormat.of().formatHex(secret);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("fake-ingestion-tls");
      Path store = dir.resolve("server.p12");
      String keytool =
          Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool")
              .toString();
      List<String> command =
          List.of(
              keytool,
              "-genkeypair",
              "-alias",
              ALIAS,
              "-keyalg",
              "EC",
              "-groupname",
              "secp256r1",
              "-sigalg",
              "SHA256withECDSA",
              "-dname",
              "CN=127.0.0.1, OU=Tollgate tests",
              "-ext",
              "SAN=ip:127.0.0.1,dns:localhost",
              "-validity",
              "7",
              "-storetype",
              "PKCS12",
              "-keystore",
              store.toString(),
              "-storepass",
              pass,
              "-keypass",
              pass,
              "-noprompt");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "keytool failed: " + new String(output, StandardCharsets.UTF_8));
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      char[] password = pass.toCharArray();
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, password);
      }
      X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
      return new SelfSignedCertificate(keyStore, password, certificate);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate a self-signed certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the generated certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating a certificate", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      dir.toFile().deleteOnExit();
    }
  }
}
