package dev.tollgate.azure.testing;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Azurite, started from the repository's {@code tools/node_modules} on free loopback ports
 * with its own throw-away account key (so no emulator key is written anywhere).
 */
public final class Azurite implements AutoCloseable {
  public static final String ACCOUNT = "tollgatetest";
  static final String BINARY = "tools/node_modules/.bin/azurite";

  private final Process process;
  private final Path home;
  private final int blobPort;
  private final int tablePort;
  private final String key;

  private Azurite(Process process, Path home, int blobPort, int tablePort, String key) {
    this.process = process;
    this.home = home;
    this.blobPort = blobPort;
    this.tablePort = tablePort;
    this.key = key;
  }

  /** Starts Azurite and waits until its blob port answers. */
  public static Azurite start() throws IOException, InterruptedException {
    Path binary = binary(repoRoot(Path.of("").toAbsolutePath()));
    Path home = Files.createTempDirectory("tollgate-azurite");
    int blob = freePort();
    int queue = freePort();
    int table = freePort();
    byte[] raw = new byte[64];
    new SecureRandom().nextBytes(raw);
    String key = Base64.getEncoder().encodeToString(raw);
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                binary.toString(),
                "--disableTelemetry",
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(blob),
                "--queueHost",
                "127.0.0.1",
                "--queuePort",
                String.valueOf(queue),
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                String.valueOf(table),
                "--location",
                home.resolve("data").toString(),
                "--skipApiVersionCheck"));
    pb.environment().put("AZURITE_ACCOUNTS", ACCOUNT + ":" + key);
    pb.redirectErrorStream(true).redirectOutput(home.resolve("azurite.log").toFile());
    Azurite azurite = new Azurite(pb.start(), home, blob, table, key);
    azurite.awaitPort(Duration.ofSeconds(60));
    return azurite;
  }

  /** The directory holding {@code tools/package.json}, found by walking up from {@code from}. */
  static Path repoRoot(Path from) {
    for (Path p = from; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("tools/package.json"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no tools/package.json above " + from + ": cannot find the repository root to run Azurite");
  }

  /** The Azurite launcher under {@code root}; a clear failure (never a skip) when missing. */
  static Path binary(Path root) {
    Path binary = root.resolve(BINARY);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "Azurite is not installed ("
              + binary
              + " is missing): run `mvn verify` or `./tollgate test` (the build runs npm ci in tools/ first), or `node tools/install.js`");
    }
    return binary;
  }

  public String blobEndpoint() {
    return "http://127.0.0.1:" + blobPort + "/" + ACCOUNT;
  }

  /** Azurite's Table storage endpoint (the same account and key). */
  public String tableEndpoint() {
    return "http://127.0.0.1:" + tablePort + "/" + ACCOUNT;
  }

  /** A connection string for this Azurite, as {@code AzureWebJobsStorage} would hold it. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + key
        + ";BlobEndpoint="
        + blobEndpoint()
        + ";TableEndpoint="
        + tableEndpoint()
        + ";";
  }

  /** App settings that point the Functions storage connection at this Azurite. */
  public Map<String, String> storageSettings() {
    return Map.of("AzureWebJobsStorage", connectionString());
  }

  /** A client with short retries: a failing call should fail a test fast. */
  public BlobServiceClient blobServiceClient() {
    return new BlobServiceClientBuilder()
        .connectionString(connectionString())
        .retryOptions(
            new RetryOptions(
                new ExponentialBackoffOptions()
                    .setMaxRetries(1)
                    .setBaseDelay(Duration.ofMillis(50))
                    .setMaxDelay(Duration.ofMillis(200))))
        .buildClient();
  }

  private void awaitPort(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Azurite exited at start:\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", blobPort), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("Azurite did not answer on port " + blobPort + ":\n" + log());
  }

  private String log() throws IOException {
    Path log = home.resolve("azurite.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops Azurite (by its own PID) and deletes its data. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
