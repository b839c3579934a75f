package dev.tollgate.appinsights.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A local stand-in for the Application Insights ingestion endpoint {@code POST
 * {IngestionEndpoint}/v2.1/track}, for end-to-end delivery tests.
 *
 * <p>It reads a JSON array of envelopes or newline-delimited envelopes ({@code x-json-stream}),
 * gzip-compressed when {@code Content-Encoding: gzip}; validates every envelope against the schema
 * built from Microsoft's swagger ({@link TrackSchema}); and answers with the swagger's {@code
 * TrackResponse}: 200 when all items are accepted, 206 with per-item {@code errors} when some are
 * not, 400 when none is accepted and every error is a 400. Faults are injected either at random
 * (seeded, per-request rates set on the {@link Builder}) or from a script of explicit {@link
 * Answer}s for the next requests ({@link #enqueue}); a scripted answer takes precedence.
 *
 * <p>Everything is recorded, thread-safely: every request ({@link #requests()}), every accepted
 * item once per acceptance with its parsed envelope, keyed by the {@code
 * data.baseData.properties["tollgate.item_id"]} dimension ({@link #acceptedItems()}, {@link
 * #acceptanceCount(String)}, {@link #duplicateAcceptances()}), and every item the server answered
 * with an error while processing a request ({@link #rejectedItems()}).
 *
 * <pre>{@code
 * try (FakeIngestionServer ingestion = FakeIngestionServer.builder().start()) {
 *   ingestion.enqueue(
 *       FakeIngestionServer.Answer.tooManyRequests(1),
 *       FakeIngestionServer.Answer.partial(2, 500),
 *       FakeIngestionServer.Answer.normal());
 *   String connectionString = ingestion.connectionString(); // IngestionEndpoint=http://127.0.0.1:port/
 *   // ... run the exporter ...
 *   assertThat(ingestion.duplicateAcceptances()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Semantics to know when writing tests: a <em>delayed</em> answer has already accepted its items
 * before it waits, so a client that times out and resends produces a second acceptance (as against
 * the real service); {@link Answer#drop()} drops the connection before accepting anything, {@link
 * Answer#dropAfterAccepting()} after accepting. Whole-request failures (429, 503, 500, 402,
 * 401/403, drops) accept nothing and are not listed in {@link #rejectedItems()}; they are in {@link
 * #requests()}.
 */
public final class FakeIngestionServer implements AutoCloseable {
  public static final String TRACK_PATH = "/v2.1/track";
  public static final String DEFAULT_ITEM_ID_PROPERTY = "tollgate.item_id";
  public static final String DEFAULT_INSTRUMENTATION_KEY = "3f2f9e1c-7a55-4c1b-9d55-0a1b2c3d4e5f";

  /** Per-item statuses the service uses for items worth sending again. */
  public static final Set<Integer> RETRIABLE_ITEM_STATUSES = Set.of(408, 429, 500, 503);

  /** Status recorded for a request whose connection was dropped without an answer. */
  public static final int DROPPED = -1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger SERVER_IDS = new AtomicInteger();

  static {
    // The JDK server writes the status line and the body separately; with Nagle's algorithm on,
    // the client's delayed ACK then costs ~40 ms per answer. The JDK reads this property once,
    // when the first com.sun.net.httpserver server of the JVM starts; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Builder config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final SSLContext clientSslContext;
  private final TrackSchema schema = TrackSchema.load();

  private final Object lock = new Object();
  private final AtomicInteger requestNumbers = new AtomicInteger();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<AcceptedItem> accepted = new ArrayList<>();
  private final Map<String, Integer> acceptanceCounts = new LinkedHashMap<>();
  private final List<RejectedItem> rejected = new ArrayList<>();
  private final List<Throwable> fixtureFailures = new ArrayList<>();

  private FakeIngestionServer(Builder config) throws IOException {
    this.config = config;
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    if (config.https) {
      SelfSignedCertificate certificate = SelfSignedCertificate.get();
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
      this.server = https;
      this.clientSslContext = certificate.clientContext();
    } else {
      this.server = HttpServer.create(address, 0);
      this.clientSslContext = null;
    }
    this.script.addAll(config.script);
    int id = SERVER_IDS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread =
              new Thread(runnable, "fake-ingestion-" + id + "-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.executor = Executors.newCachedThreadPool(factory);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server with default settings: no faults, any token, plain http. */
  public static FakeIngestionServer start() {
    return builder().start();
  }

  // ---------------------------------------------------------------- addresses

  public int port() {
    return server.getAddress().getPort();
  }

  public boolean isHttps() {
    return config.https;
  }

  /** The {@code IngestionEndpoint} value: {@code http(s)://127.0.0.1:port/}. */
  public URI endpoint() {
    return URI.create((config.https ? "https" : "http") + "://127.0.0.1:" + port() + "/");
  }

  /** {@code endpoint() + v2.1/track}. */
  public URI trackUri() {
    return endpoint().resolve(TRACK_PATH.substring(1));
  }

  public String instrumentationKey() {
    return config.instrumentationKey;
  }

  /** {@code InstrumentationKey=...;IngestionEndpoint=http(s)://127.0.0.1:port/}. */
  public String connectionString() {
    return "InstrumentationKey=" + config.instrumentationKey + ";IngestionEndpoint=" + endpoint();
  }

  /**
   * For an https server: a client TLS context trusting the server's self-signed certificate (and
   * nothing else). Throws for a plain http server.
   */
  public SSLContext sslContext() {
    if (clientSslContext == null) {
      throw new IllegalStateException("plain http server: build it with Builder.https()");
    }
    return clientSslContext;
  }

  /** For an https server: the self-signed certificate (CN and SAN 127.0.0.1, SAN localhost). */
  public X509Certificate certificate() {
    sslContext();
    return SelfSignedCertificate.get().certificate();
  }

  /** For an https server: a PKCS12 trust store holding only the server certificate. */
  public KeyStore trustStore() {
    sslContext();
    return SelfSignedCertificate.get().trustStore();
  }

  // ---------------------------------------------------------------- scripting

  /** Answers for the next requests, in order; they take precedence over the random faults. */
  public FakeIngestionServer enqueue(Answer... answers) {
    synchronized (lock) {
      script.addAll(Arrays.asList(answers));
    }
    return this;
  }

  public int scriptedAnswersLeft() {
    synchronized (lock) {
      return script.size();
    }
  }

  public void clearScript() {
    synchronized (lock) {
      script.clear();
    }
  }

  // ---------------------------------------------------------------- bookkeeping

  /** Every request received, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  public int requestCount() {
    synchronized (lock) {
      return requests.size();
    }
  }

  /** Every acceptance, in order; an item accepted twice appears twice. */
  public List<AcceptedItem> acceptedItems() {
    synchronized (lock) {
      return List.copyOf(accepted);
    }
  }

  /** The accepted envelopes (one per acceptance). */
  public List<JsonNode> acceptedEnvelopes() {
    synchronized (lock) {
      return accepted.stream().map(AcceptedItem::envelope).toList();
    }
  }

  /** Distinct item ids accepted at least once, in order of first acceptance. */
  public Set<String> acceptedItemIds() {
    synchronized (lock) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(acceptanceCounts.keySet()));
    }
  }

  /** How many times an item with this id was accepted (0 if never). */
  public int acceptanceCount(String itemId) {
    synchronized (lock) {
      return acceptanceCounts.getOrDefault(itemId, 0);
    }
  }

  /** Item id to acceptance count, for every id accepted at least once. */
  public Map<String, Integer> acceptanceCounts() {
    synchronized (lock) {
      return Map.copyOf(acceptanceCounts);
    }
  }

  /** Item ids accepted more than once, with their counts; empty proves no duplicate delivery. */
  public Map<String, Integer> duplicateAcceptances() {
    synchronized (lock) {
      Map<String, Integer> duplicates = new TreeMap<>();
      acceptanceCounts.forEach(
          (id, count) -> {
            if (count > 1) {
              duplicates.put(id, count);
            }
          });
      return duplicates;
    }
  }

  /** Acceptances of one item id (several if it was delivered more than once). */
  public List<AcceptedItem> acceptedItems(String itemId) {
    synchronized (lock) {
      return accepted.stream().filter(item -> itemId.equals(item.itemId())).toList();
    }
  }

  /** Items answered with an error in a processed request (206 or 400), in order. */
  public List<RejectedItem> rejectedItems() {
    synchronized (lock) {
      return List.copyOf(rejected);
    }
  }

  /** Exceptions thrown by the fixture itself while handling a request; expected to be empty. */
  public List<Throwable> fixtureFailures() {
    synchronized (lock) {
      return List.copyOf(fixtureFailures);
    }
  }

  /** Waits until at least {@code count} acceptances were recorded; false on time-out. */
  public boolean awaitAcceptances(int count, Duration timeout) throws InterruptedException {
    return await(() -> accepted.size() >= count, timeout);
  }

  /** Waits until at least {@code count} requests were recorded; false on time-out. */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    return await(() -> requests.size() >= count, timeout);
  }

  /** Forgets all requests and items (not the script, nor the request numbering). */
  public void reset() {
    synchronized (lock) {
      requests.clear();
      accepted.clear();
      acceptanceCounts.clear();
      rejected.clear();
      fixtureFailures.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  // ---------------------------------------------------------------- handling

  private void handle(HttpExchange exchange) {
    int number = requestNumbers.incrementAndGet();
    Instant receivedAt = Instant.now();
    try {
      byte[] wire = exchange.getRequestBody().readAllBytes();
      Incoming in = new Incoming(number, receivedAt, exchange, wire);
      respond(in);
    } catch (IOException e) {
      // The client went away (e.g. it timed out while we were delaying): nothing to answer.
      exchange.close();
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        fixtureFailures.add(e);
      }
      try {
        byte[] body =
            ("{\"itemsReceived\":0,\"itemsAccepted\":0,\"errors\":[{\"index\":0,\"statusCode\":500,"
                    + "\"message\":\"fake ingestion server failure\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException | RuntimeException ignored) {
        // headers may already be sent; the client will see a broken response
      } finally {
        exchange.close();
      }
      if (e instanceof Error error) {
        throw error;
      }
    }
  }

  private void respond(Incoming in) throws IOException {
    HttpExchange exchange = in.exchange;
    if (!TRACK_PATH.equals(exchange.getRequestURI().getPath())) {
      finish(in, 404, null, wholeRequestBody(0, 404, "Not found: use POST " + TRACK_PATH), null);
      return;
    }
    if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
      finish(in, 405, null, wholeRequestBody(0, 405, "Method not allowed: use POST"), null);
      return;
    }
    byte[] decoded;
    try {
      decoded = in.gzip ? gunzip(in.wire) : in.wire;
    } catch (IOException e) {
      finish(in, 400, null, wholeRequestBody(0, 400, "Invalid gzip body: " + e.getMessage()), null);
      return;
    }
    in.decodedBytes = decoded.length;
    List<Item> items;
    try {
      items = parseItems(new String(decoded, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      finish(
          in,
          400,
          null,
          wholeRequestBody(0, 400, "Invalid JSON payload: " + e.getOriginalMessage()),
          null);
      return;
    }
    in.itemsReceived = items.size();

    String authProblem =
        authorizationProblem(exchange.getRequestHeaders().getFirst("Authorization"));
    if (authProblem != null) {
      int status = authProblem.startsWith("403") ? 403 : 401;
      finish(in, status, null, wholeRequestBody(items.size(), status, authProblem), null);
      return;
    }

    Answer answer;
    boolean scripted;
    synchronized (lock) {
      Answer next = script.poll();
      scripted = next != null;
      answer = scripted ? next : null;
    }
    Random random = new Random(mix(config.seed, in.number));
    if (!scripted) {
      answer = randomAnswer(random);
    }
    in.answer = answer;
    in.scripted = scripted;

    switch (answer.kind) {
      case DROP -> {
        record(in, DROPPED, answer.retryAfterSeconds, null, List.of(), List.of());
        sleep(answer.delay);
        exchange.close();
      }
      case FAIL_REQUEST -> {
        ObjectNode body = wholeRequestBody(items.size(), answer.status, answer.message());
        finish(in, answer.status, answer.retryAfterSeconds, body, answer.delay);
      }
      case PROCESS, DROP_AFTER_ACCEPT -> process(in, items, answer, scripted ? null : random);
    }
  }

  private void process(Incoming in, List<Item> items, Answer answer, Random random)
      throws IOException {
    List<AcceptedItem> newlyAccepted = new ArrayList<>();
    List<RejectedItem> newlyRejected = new ArrayList<>();
    ArrayNode errors = MAPPER.createArrayNode();
    for (Item item : items) {
      int status = 200;
      String message = null;
      // Draw for every item so the sequence of faults depends only on the seed and the payload.
      boolean randomFailure = random != null && random.nextDouble() < config.itemFailureRate;
      int randomStatus =
          random == null
              ? 0
              : config.itemFailureStatuses[random.nextInt(config.itemFailureStatuses.length)];
      Integer forced = answer.itemFailures.get(item.index);
      if (forced != null) {
        status = forced;
        message = "Injected item failure " + forced;
      } else {
        message = invalidity(item);
        if (message != null) {
          status = 400;
        } else if (randomFailure) {
          status = randomStatus;
          message = "Injected random item failure " + randomStatus;
        }
      }
      if (status == 200) {
        newlyAccepted.add(new AcceptedItem(in.number, item.index, itemId(item.node), item.node));
      } else {
        ObjectNode error = errors.addObject();
        error.put("index", item.index);
        error.put("statusCode", status);
        error.put("message", message);
        newlyRejected.add(
            new RejectedItem(
                in.number, item.index, status, message, itemId(item.node), item.node, item.raw));
      }
    }
    int received = items.size();
    int acceptedCount = newlyAccepted.size();
    boolean onlyPermanentErrors = true;
    for (RejectedItem item : newlyRejected) {
      onlyPermanentErrors &= item.statusCode() == 400;
    }
    int status;
    if (received == 0) {
      status = 400;
    } else if (acceptedCount == received) {
      status = 200;
    } else if (acceptedCount == 0 && onlyPermanentErrors) {
      status = 400;
    } else {
      status = 206;
    }
    ObjectNode body = MAPPER.createObjectNode();
    body.put("itemsReceived", received);
    body.put("itemsAccepted", acceptedCount);
    body.set("errors", errors);
    if (received == 0) {
      errors.addObject().put("index", 0).put("statusCode", 400).put("message", "Empty payload");
    }
    if (answer.kind == Kind.DROP_AFTER_ACCEPT) {
      record(in, DROPPED, null, null, newlyAccepted, newlyRejected);
      sleep(answer.delay);
      in.exchange.close();
      return;
    }
    String text = body.toString();
    record(in, status, answer.retryAfterSeconds, text, newlyAccepted, newlyRejected);
    sleep(answer.delay);
    send(in.exchange, status, answer.retryAfterSeconds, text);
  }

  /** Why an item is invalid (answered 400), or null when it is valid. */
  private String invalidity(Item item) {
    if (item.parseError != null) {
      return "Invalid JSON: " + item.parseError;
    }
    if (!item.node.isObject()) {
      return "Invalid envelope: expected a JSON object, found " + item.node.getNodeType();
    }
    List<String> problems = schema.validateEnvelope(item.node);
    if (!problems.isEmpty()) {
      return "Envelope does not match the TelemetryEnvelope schema: " + String.join("; ", problems);
    }
    if (config.checkInstrumentationKey
        && !config.instrumentationKey.equalsIgnoreCase(item.node.path("iKey").asText(""))) {
      return "Invalid instrumentation key";
    }
    if (config.maxItemAge != null) {
      OffsetDateTime time = TrackSchema.parseEnvelopeTime(item.node.get("time").asText());
      if (time.toInstant().isBefore(Instant.now().minus(config.maxItemAge))) {
        return "Field 'time' on type 'Envelope' is older than the allowed min date. Expected: now - "
            + config.maxItemAge.toMillis()
            + "ms";
      }
    }
    for (Rejection rejection : config.rejections) {
      if (rejection.test.test(item.node)) {
        return rejection.message;
      }
    }
    return null;
  }

  private String itemId(JsonNode envelope) {
    if (envelope == null) {
      return null;
    }
    JsonNode id =
        envelope.path("data").path("baseData").path("properties").path(config.itemIdProperty);
    return id.isTextual() ? id.asText() : null;
  }

  private String authorizationProblem(String header) {
    if (config.tokenCheck == null) {
      return null;
    }
    if (header == null) {
      return "401 Unauthorized: missing Authorization header";
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      return "401 Unauthorized: the Authorization header is not a bearer token";
    }
    if (!config.tokenCheck.test(header.substring(7).trim())) {
      return "403 Forbidden: the bearer token is not accepted";
    }
    return null;
  }

  private Answer randomAnswer(Random random) {
    double u = random.nextDouble();
    double delayDraw = random.nextDouble();
    Answer answer;
    double bound = config.tooManyRequestsRate;
    if (u < bound) {
      answer = Answer.tooManyRequests(config.retryAfterSeconds);
    } else if (u < (bound += config.serviceUnavailableRate)) {
      answer = Answer.serviceUnavailable(config.retryAfterSeconds);
    } else if (u < (bound += config.internalServerErrorRate)) {
      answer = Answer.internalServerError();
    } else if (u < (bound += config.dailyCapRate)) {
      answer = Answer.dailyCapExceeded();
    } else if (u < (bound += config.dropRate)) {
      answer = Answer.drop();
    } else if (u < (bound += config.dropAfterAcceptingRate)) {
      answer = Answer.dropAfterAccepting();
    } else {
      answer = Answer.normal();
    }
    if (delayDraw < config.delayRate) {
      answer = answer.delayedBy(config.delay);
    }
    return answer;
  }

  private void finish(
      Incoming in, int status, Integer retryAfterSeconds, ObjectNode body, Duration delay)
      throws IOException {
    String text = body.toString();
    record(in, status, retryAfterSeconds, text, List.of(), List.of());
    sleep(delay);
    send(in.exchange, status, retryAfterSeconds, text);
  }

  private void record(
      Incoming in,
      int status,
      Integer retryAfterSeconds,
      String responseBody,
      List<AcceptedItem> newlyAccepted,
      List<RejectedItem> newlyRejected) {
    HttpExchange exchange = in.exchange;
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    RecordedRequest request =
        new RecordedRequest(
            in.number,
            in.receivedAt,
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            Collections.unmodifiableMap(headers),
            in.wire.length,
            in.decodedBytes,
            in.gzip,
            in.itemsReceived,
            newlyAccepted.size(),
            status,
            retryAfterSeconds,
            Optional.ofNullable(in.answer),
            in.scripted,
            responseBody);
    synchronized (lock) {
      requests.add(request);
      for (AcceptedItem item : newlyAccepted) {
        accepted.add(item);
        if (item.itemId() != null) {
          acceptanceCounts.merge(item.itemId(), 1, Integer::sum);
        }
      }
      rejected.addAll(newlyRejected);
      lock.notifyAll();
    }
  }

  private static void send(
      HttpExchange exchange, int status, Integer retryAfterSeconds, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (retryAfterSeconds != null) {
      exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
    }
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } finally {
      exchange.close();
    }
  }

  private static ObjectNode wholeRequestBody(int itemsReceived, int status, String message) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("itemsReceived", itemsReceived);
    body.put("itemsAccepted", 0);
    ArrayNode errors = body.putArray("errors");
    for (int i = 0; i < Math.max(itemsReceived, 1); i++) {
      errors.addObject().put("index", i).put("statusCode", status).put("message", message);
    }
    return body;
  }

  private static List<Item> parseItems(String text) throws JsonProcessingException {
    List<Item> items = new ArrayList<>();
    String trimmed = text.strip();
    if (trimmed.startsWith("[")) {
      JsonNode array = MAPPER.readTree(trimmed);
      int index = 0;
      for (JsonNode node : array) {
        items.add(new Item(index++, node, node.toString(), null));
      }
      return items;
    }
    int index = 0;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        items.add(new Item(index, MAPPER.readTree(line), line, null));
      } catch (JsonProcessingException e) {
        items.add(new Item(index, null, line, e.getOriginalMessage()));
      }
      index++;
    }
    return items;
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static void sleep(Duration delay) {
    if (delay == null || delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A per-request seed: the faults of request n depend only on the seed and n. */
  private static long mix(long seed, long n) {
    long z = seed + n * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static final class Incoming {
    final int number;
    final Instant receivedAt;
    final HttpExchange exchange;
    final byte[] wire;
    final boolean gzip;
    long decodedBytes;
    int itemsReceived;
    Answer answer;
    boolean scripted;

    Incoming(int number, Instant receivedAt, HttpExchange exchange, byte[] wire) {
      this.number = number;
      this.receivedAt = receivedAt;
      this.exchange = exchange;
      this.wire = wire;
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      this.gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
      this.decodedBytes = wire.length;
    }
  }

  private record Item(int index, JsonNode node, String raw, String parseError) {}

  private record Rejection(Predicate<JsonNode> test, String message) {}

  // ---------------------------------------------------------------- public value types

  /** One request as received and answered. */
  public record RecordedRequest(
      int number,
      Instant receivedAt,
      String method,
      String path,
      Map<String, List<String>> headers,
      long bodyBytes,
      long decodedBodyBytes,
      boolean gzip,
      int itemsReceived,
      int itemsAccepted,
      int status,
      Integer retryAfterSeconds,
      Optional<Answer> answer,
      boolean scripted,
      String responseBody) {

    /** First value of a request header (name case-insensitive), or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean dropped() {
      return status == DROPPED;
    }

    /** The response body parsed, or null when the connection was dropped. */
    public JsonNode response() {
      if (responseBody == null) {
        return null;
      }
      try {
        return MAPPER.readTree(responseBody);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One acceptance of one telemetry item. */
  public record AcceptedItem(int requestNumber, int index, String itemId, JsonNode envelope) {
    public String name() {
      return envelope.path("name").asText();
    }

    public String baseType() {
      return envelope.path("data").path("baseType").asText();
    }

    public JsonNode baseData() {
      return envelope.path("data").path("baseData");
    }

    /** {@code baseData.properties[name]} as text, or null. */
    public String property(String name) {
      JsonNode value = baseData().path("properties").path(name);
      return value.isTextual() ? value.asText() : null;
    }
  }

  /**
   * One item answered with an error while a request was processed. {@code envelope} is null when
   * the item was not JSON; {@code raw} is its text.
   */
  public record RejectedItem(
      int requestNumber,
      int index,
      int statusCode,
      String message,
      String itemId,
      JsonNode envelope,
      String raw) {
    public boolean retriable() {
      return RETRIABLE_ITEM_STATUSES.contains(statusCode);
    }
  }

  enum Kind {
    PROCESS,
    FAIL_REQUEST,
    DROP,
    DROP_AFTER_ACCEPT
  }

  /** One explicit answer for a request (scripted), or the outcome drawn at random. */
  public static final class Answer {
    private final Kind kind;
    private final int status;
    private final Integer retryAfterSeconds;
    private final Map<Integer, Integer> itemFailures;
    private final Duration delay;

    private Answer(
        Kind kind,
        int status,
        Integer retryAfterSeconds,
        Map<Integer, Integer> itemFailures,
        Duration delay) {
      this.kind = kind;
      this.status = status;
      this.retryAfterSeconds = retryAfterSeconds;
      this.itemFailures = Map.copyOf(itemFailures);
      this.delay = delay;
    }

    /** Validate and accept as the service does: 200, 206 or 400 depending on the items. */
    public static Answer normal() {
      return new Answer(Kind.PROCESS, 0, null, Map.of(), null);
    }

    /**
     * 206: the item at {@code index} (0-based, as in the response's {@code errors[].index}) fails
     * with {@code statusCode}; the others are processed normally.
     */
    public static Answer partial(int index, int statusCode) {
      return partial(Map.of(index, statusCode));
    }

    /** 206: items by index fail with the given status codes; the others are processed normally. */
    public static Answer partial(Map<Integer, Integer> statusByIndex) {
      return new Answer(Kind.PROCESS, 0, null, statusByIndex, null);
    }

    /** Whole request 429 with {@code Retry-After: seconds}. */
    public static Answer tooManyRequests(int retryAfterSeconds) {
      return new Answer(Kind.FAIL_REQUEST, 429, retryAfterSeconds, Map.of(), null);
    }

    /** Whole request 503 with {@code Retry-After: seconds}. */
    public static Answer serviceUnavailable(int retryAfterSeconds) {
      return new Answer(Kind.FAIL_REQUEST, 503, retryAfterSeconds, Map.of(), null);
    }

    /** Whole request 500. */
    public static Answer internalServerError() {
      return new Answer(Kind.FAIL_REQUEST, 500, null, Map.of(), null);
    }

    /** Whole request 402: the resource's daily cap is reached. */
    public static Answer dailyCapExceeded() {
      return new Answer(Kind.FAIL_REQUEST, 402, null, Map.of(), null);
    }

    /** Whole request fails with any status (a TrackResponse body, every item in errors). */
    public static Answer failRequest(int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("not an error status: " + status);
      }
      return new Answer(Kind.FAIL_REQUEST, status, null, Map.of(), null);
    }

    /** Close the connection without answering; nothing is accepted. */
    public static Answer drop() {
      return new Answer(Kind.DROP, DROPPED, null, Map.of(), null);
    }

    /** Accept the items as {@link #normal()} would, then close the connection without answering. */
    public static Answer dropAfterAccepting() {
      return new Answer(Kind.DROP_AFTER_ACCEPT, DROPPED, null, Map.of(), null);
    }

    /** The same answer, sent (or dropped) only after {@code delay}. */
    public Answer delayedBy(Duration delay) {
      return new Answer(
          kind, status, retryAfterSeconds, itemFailures, Objects.requireNonNull(delay));
    }

    /** The same answer with a {@code Retry-After: seconds} header. */
    public Answer withRetryAfter(int seconds) {
      return new Answer(kind, status, seconds, itemFailures, delay);
    }

    /** For whole-request failures the status; 0 when the status depends on the items; -1 drops. */
    public int status() {
      return status;
    }

    public Optional<Integer> retryAfterSeconds() {
      return Optional.ofNullable(retryAfterSeconds);
    }

    public Map<Integer, Integer> itemFailures() {
      return itemFailures;
    }

    public Optional<Duration> delay() {
      return Optional.ofNullable(delay);
    }

    public boolean drops() {
      return kind == Kind.DROP || kind == Kind.DROP_AFTER_ACCEPT;
    }

    public boolean failsWholeRequest() {
      return kind == Kind.FAIL_REQUEST;
    }

    String message() {
      return switch (status) {
        case 402 -> "Daily quota exceeded: the data volume cap of the resource is reached";
        case 429 -> "Too many requests: throttled";
        case 500 -> "Internal server error";
        case 503 -> "Service unavailable";
        default -> "Request failed with status " + status;
      };
    }

    @Override
    public String toString() {
      StringBuilder text =
          new StringBuilder(
              switch (kind) {
                case PROCESS -> itemFailures.isEmpty() ? "normal" : "partial" + itemFailures;
                case FAIL_REQUEST -> "fail " + status;
                case DROP -> "drop";
                case DROP_AFTER_ACCEPT -> "drop after accepting";
              });
      if (retryAfterSeconds != null) {
        text.append(" Retry-After ").append(retryAfterSeconds);
      }
      if (delay != null) {
        text.append(" after ").append(delay);
      }
      return text.toString();
    }
  }

  /** Settings; {@link #start()} starts a server on an ephemeral port of 127.0.0.1. */
  public static final class Builder {
    private long seed = 1;
    private double tooManyRequestsRate;
    private double serviceUnavailableRate;
    private double internalServerErrorRate;
    private double dailyCapRate;
    private double dropRate;
    private double dropAfterAcceptingRate;
    private double delayRate;
    private Duration delay = Duration.ofSeconds(2);
    private double itemFailureRate;
    private int[] itemFailureStatuses = {500, 429, 503, 408};
    private int retryAfterSeconds = 1;
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Answer> script = new ArrayList<>();
    private Predicate<String> tokenCheck;
    private String instrumentationKey = DEFAULT_INSTRUMENTATION_KEY;
    private boolean checkInstrumentationKey;
    private Duration maxItemAge;
    private String itemIdProperty = DEFAULT_ITEM_ID_PROPERTY;
    private boolean https;

    private Builder() {}

    /** Seed of the fault draws; request n's faults depend only on the seed, n and its payload. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Share of requests answered 429 with Retry-After. */
    public Builder tooManyRequestsRate(double rate) {
      this.tooManyRequestsRate = rate(rate);
      return this;
    }

    /** Share of requests answered 503 with Retry-After. */
    public Builder serviceUnavailableRate(double rate) {
      this.serviceUnavailableRate = rate(rate);
      return this;
    }

    /** Share of requests answered 500. */
    public Builder internalServerErrorRate(double rate) {
      this.internalServerErrorRate = rate(rate);
      return this;
    }

    /** Share of requests answered 402 (daily cap). */
    public Builder dailyCapRate(double rate) {
      this.dailyCapRate = rate(rate);
      return this;
    }

    /** Share of requests whose connection is closed without an answer (nothing accepted). */
    public Builder dropRate(double rate) {
      this.dropRate = rate(rate);
      return this;
    }

    /** Share of requests processed (items accepted) and then closed without an answer. */
    public Builder dropAfterAcceptingRate(double rate) {
      this.dropAfterAcceptingRate = rate(rate);
      return this;
    }

    /** Share of requests answered only after {@link #delay(Duration)}. */
    public Builder delayRate(double rate) {
      this.delayRate = rate(rate);
      return this;
    }

    public Builder delay(Duration delay) {
      this.delay = Objects.requireNonNull(delay);
      return this;
    }

    /** Share of otherwise valid items answered with a retriable per-item error (HTTP 206). */
    public Builder itemFailureRate(double rate) {
      this.itemFailureRate = rate(rate);
      return this;
    }

    /** Statuses drawn for random item failures (default 500, 429, 503, 408). */
    public Builder itemFailureStatuses(int... statuses) {
      if (statuses.length == 0) {
        throw new IllegalArgumentException("at least one status");
      }
      this.itemFailureStatuses = statuses.clone();
      return this;
    }

    /** Retry-After seconds of random 429 and 503 answers (default 1). */
    public Builder retryAfterSeconds(int seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("negative Retry-After");
      }
      this.retryAfterSeconds = seconds;
      return this;
    }

    /** Items whose envelope matches get a per-item 400 with this message. */
    public Builder rejectItemsWhere(Predicate<JsonNode> envelopeTest, String message) {
      rejections.add(new Rejection(Objects.requireNonNull(envelopeTest), message));
      return this;
    }

    /** Items with {@code baseData.properties[name] == value} get a per-item 400. */
    public Builder rejectItemsWithProperty(String name, String value) {
      return rejectItemsWhere(
          envelope ->
              value.equals(
                  envelope
                      .path("data")
                      .path("baseData")
                      .path("properties")
                      .path(name)
                      .asText(null)),
          "Rejected by the test: property " + name + " = " + value);
    }

    /**
     * Requires {@code Authorization: Bearer <token>}: 401 when missing or not a bearer token, 403
     * when the token is not this one.
     */
    public Builder requireBearerToken(String expectedToken) {
      Objects.requireNonNull(expectedToken);
      return requireBearerToken(expectedToken::equals);
    }

    /** As {@link #requireBearerToken(String)}, with a check of the token text (403 if false). */
    public Builder requireBearerToken(Predicate<String> tokenCheck) {
      this.tokenCheck = Objects.requireNonNull(tokenCheck);
      return this;
    }

    /** The resource's key: used in the connection string, and items with another iKey get 400. */
    public Builder instrumentationKey(String key) {
      this.instrumentationKey = Objects.requireNonNull(key);
      this.checkInstrumentationKey = true;
      return this;
    }

    /** Items whose {@code time} is older than this get 400, as the service does (it uses 48 h). */
    public Builder rejectItemsOlderThan(Duration maxAge) {
      this.maxItemAge = maxAge;
      return this;
    }

    /** The {@code baseData.properties} key that identifies items (default tollgate.item_id). */
    public Builder itemIdProperty(String property) {
      this.itemIdProperty = Objects.requireNonNull(property);
      return this;
    }

    /** Answers for the first requests, in order (see {@link FakeIngestionServer#enqueue}). */
    public Builder script(Answer... answers) {
      script.addAll(Arrays.asList(answers));
      return this;
    }

    /** Serve https with a self-signed certificate; clients use {@link #sslContext()}. */
    public Builder https() {
      this.https = true;
      return this;
    }

    public FakeIngestionServer start() {
      double wholeRequest =
          tooManyRequestsRate
              + serviceUnavailableRate
              + internalServerErrorRate
              + dailyCapRate
              + dropRate
              + dropAfterAcceptingRate;
      if (wholeRequest > 1.0 + 1e-9) {
        throw new IllegalArgumentException(
            "whole-request fault rates add up to more than 1: " + wholeRequest);
      }
      try {
        return new FakeIngestionServer(copy());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake ingestion server", e);
      }
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.seed = seed;
      copy.tooManyRequestsRate = tooManyRequestsRate;
      copy.serviceUnavailableRate = serviceUnavailableRate;
      copy.internalServerErrorRate = internalServerErrorRate;
      copy.dailyCapRate = dailyCapRate;
      copy.dropRate = dropRate;
      copy.dropAfterAcceptingRate = dropAfterAcceptingRate;
      copy.delayRate = delayRate;
      copy.delay = delay;
      copy.itemFailureRate = itemFailureRate;
      copy.itemFailureStatuses = itemFailureStatuses.clone();
      copy.retryAfterSeconds = retryAfterSeconds;
      copy.rejections.addAll(rejections);
      copy.script.addAll(script);
      copy.tokenCheck = tokenCheck;
      copy.instrumentationKey = instrumentationKey;
      copy.checkInstrumentationKey = checkInstrumentationKey;
      copy.maxItemAge = maxItemAge;
      copy.itemIdProperty = itemIdProperty;
      copy.https = https;
      return copy;
    }

    private static double rate(double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException("a rate is between 0 and 1: " + rate);
      }
      return rate;
    }
  }
}
