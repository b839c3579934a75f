package dev.tollgate.appinsights.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.appinsights.testing.FakeIngestionServer.AcceptedItem;
import dev.tollgate.appinsights.testing.FakeIngestionServer.Answer;
import dev.tollgate.appinsights.testing.FakeIngestionServer.RecordedRequest;
import dev.tollgate.appinsights.testing.FakeIngestionServer.RejectedItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeIngestionServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TrackSchema SCHEMA = TrackSchema.load();

  private final List<FakeIngestionServer> servers = new ArrayList<>();
  private final HttpClient client = client(null);

  @AfterEach
  void closeServers() {
    servers.forEach(FakeIngestionServer::close);
  }

  private FakeIngestionServer start(FakeIngestionServer.Builder builder) {
    FakeIngestionServer server = builder.start();
    servers.add(server);
    return server;
  }

  private static HttpClient client(SSLContext ssl) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    return builder.build();
  }

  private static HttpRequest.Builder post(URI uri, byte[] body) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> sendArray(FakeIngestionServer server, List<? extends JsonNode> items)
      throws IOException, InterruptedException {
    return send(post(server.trackUri(), Envelopes.jsonArray(items)).build());
  }

  /** The body parsed, after checking it is a TrackResponse as the swagger defines it. */
  private static JsonNode trackResponse(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(SCHEMA.validateTrackResponse(body)).isEmpty();
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly("itemsReceived", "itemsAccepted", "errors");
    return body;
  }

  private static List<Integer> errorIndices(JsonNode body) {
    List<Integer> indices = new ArrayList<>();
    body.path("errors").forEach(error -> indices.add(error.path("index").asInt()));
    return indices;
  }

  private static List<ObjectNode> events(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> Envelopes.event(prefix + i)).toList();
  }

  // ------------------------------------------------------------------ acceptance

  @Test
  void acceptsTheRequestBodyOfMicrosoftsTrackExampleWith200() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    JsonNode example = TrackSchema.readResource(TrackSchema.TRACK_EXAMPLE_RESOURCE);
    byte[] body = MAPPER.writeValueAsBytes(example.path("parameters").path("body"));

    HttpResponse<String> response = send(post(server.trackUri(), body).build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = trackResponse(response);
    assertThat(answer.path("itemsReceived").asInt()).isEqualTo(7);
    assertThat(answer.path("itemsAccepted").asInt()).isEqualTo(7);
    assertThat(answer.path("errors")).isEmpty();
    assertThat(server.acceptedItems()).hasSize(7);
    assertThat(server.acceptedItems().get(0).property("one")).isEqualTo("-1-");
    assertThat(server.acceptedItems()).allSatisfy(item -> assertThat(item.itemId()).isNull());
    assertThat(server.rejectedItems()).isEmpty();
    assertThat(server.fixtureFailures()).isEmpty();
  }

  @Test
  void answers200AndRecordsEveryItemById() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    List<ObjectNode> items = new ArrayList<>(events("e-", 3));
    items.add(Envelopes.metric("m-0", "gen_ai.client.token.usage", 1200, 4));

    HttpResponse<String> response = sendArray(server, items);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = trackResponse(response);
    assertThat(answer.path("itemsReceived").asInt()).isEqualTo(4);
    assertThat(answer.path("itemsAccepted").asInt()).isEqualTo(4);
    assertThat(server.acceptedItemIds()).containsExactly("e-0", "e-1", "e-2", "m-0");
    assertThat(server.acceptanceCount("e-1")).isEqualTo(1);
    assertThat(server.acceptanceCount("never-sent")).isZero();
    assertThat(server.duplicateAcceptances()).isEmpty();
    assertThat(server.acceptedItems())
        .extracting(AcceptedItem::requestNumber, AcceptedItem::index, AcceptedItem::baseType)
        .containsExactly(
            tuple(1, 0, "EventData"),
            tuple(1, 1, "EventData"),
            tuple(1, 2, "EventData"),
            tuple(1, 3, "MetricData"));
    assertThat(server.acceptedItems("m-0").get(0).envelope()).isEqualTo(items.get(3));
    assertThat(server.acceptedEnvelopes()).containsExactlyElementsOf(items);

    RecordedRequest request = server.requests().get(0);
    assertThat(request.status()).isEqualTo(200);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(FakeIngestionServer.TRACK_PATH);
    assertThat(request.gzip()).isFalse();
    assertThat(request.bodyBytes()).isEqualTo(Envelopes.jsonArray(items).length);
    assertThat(request.decodedBodyBytes()).isEqualTo(request.bodyBytes());
    assertThat(request.itemsReceived()).isEqualTo(4);
    assertThat(request.itemsAccepted()).isEqualTo(4);
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.scripted()).isFalse();
    assertThat(request.response()).isEqualTo(MAPPER.readTree(response.body()));
  }

  @Test
  void answers206WithTheIndicesOfInvalidItems() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    List<ObjectNode> items = new ArrayList<>(events("p-", 5));
    items.get(1).remove("time");
    items.get(3).put("time", 1700000000000L);

    HttpResponse<String> response = sendArray(server, items);

    assertThat(response.statusCode()).isEqualTo(206);
    JsonNode answer = trackResponse(response);
    assertThat(answer.path("itemsReceived").asInt()).isEqualTo(5);
    assertThat(answer.path("itemsAccepted").asInt()).isEqualTo(3);
    assertThat(errorIndices(answer)).containsExactly(1, 3);
    assertThat(answer.path("errors").get(0).path("statusCode").asInt()).isEqualTo(400);
    assertThat(answer.path("errors").get(0).path("message").asText()).contains("time", "required");
    assertThat(answer.path("errors").get(1).path("message").asText()).contains("/time:", "string");
    assertThat(server.acceptedItemIds()).containsExactly("p-0", "p-2", "p-4");
    assertThat(server.rejectedItems())
        .extracting(RejectedItem::index, RejectedItem::itemId, RejectedItem::statusCode)
        .containsExactly(tuple(1, "p-1", 400), tuple(3, "p-3", 400));
    assertThat(server.rejectedItems()).noneMatch(RejectedItem::retriable);
    assertThat(server.rejectedItems().get(0).message()).contains("time");
  }

  @Test
  void answers400WhenNoItemIsValid() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    ObjectNode wrongBaseType = Envelopes.event("x-0");
    ((ObjectNode) wrongBaseType.get("data")).put("baseType", "RequestData");
    ObjectNode noName = Envelopes.event("x-1");
    ((ObjectNode) noName.at("/data/baseData")).remove("name");

    HttpResponse<String> response = sendArray(server, List.of(wrongBaseType, noName));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = trackResponse(response);
    assertThat(answer.path("itemsAccepted").asInt()).isZero();
    assertThat(errorIndices(answer)).containsExactly(0, 1);
    assertThat(answer.at("/errors/0/message").asText()).contains("/data/baseType");
    assertThat(answer.at("/errors/1/message").asText()).contains("/data/baseData", "name");
    assertThat(server.acceptedItems()).isEmpty();
  }

  @Test
  void answers400ToABodyThatIsNotJson() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    HttpResponse<String> response =
        send(
            post(
                    server.trackUri(),
                    "[{\"ver\":1,".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build());
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = trackResponse(response);
    assertThat(answer.path("itemsReceived").asInt()).isZero();
    assertThat(answer.at("/errors/0/message").asText()).startsWith("Invalid JSON payload");

    HttpResponse<String> empty =
        send(
            post(server.trackUri(), "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build());
    assertThat(empty.statusCode()).isEqualTo(400);
  }

  // ------------------------------------------------------------------ encodings

  @Test
  void acceptsAGzipJsonArray() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    List<ObjectNode> items = events("g-", 20);
    byte[] plain = Envelopes.jsonArray(items);
    byte[] gzip = Envelopes.gzip(plain);

    HttpResponse<String> response =
        send(post(server.trackUri(), gzip).header("Content-Encoding", "gzip").build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(trackResponse(response).path("itemsAccepted").asInt()).isEqualTo(20);
    RecordedRequest request = server.requests().get(0);
    assertThat(request.gzip()).isTrue();
    assertThat(request.bodyBytes()).isEqualTo(gzip.length);
    assertThat(request.decodedBodyBytes()).isEqualTo(plain.length);
    assertThat(request.bodyBytes()).isLessThan(request.decodedBodyBytes());
    assertThat(server.acceptedItemIds()).hasSize(20);
  }

  @Test
  void acceptsNewlineDelimitedEnvelopesPlainAndGzip() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    byte[] lines = Envelopes.jsonLines(events("l-", 3));

    HttpResponse<String> plain =
        send(
            post(server.trackUri(), lines)
                .setHeader("Content-Type", "application/x-json-stream")
                .build());
    HttpResponse<String> gzip =
        send(
            post(server.trackUri(), Envelopes.gzip(Envelopes.jsonLines(events("z-", 2))))
                .setHeader("Content-Type", "application/x-json-stream")
                .header("Content-Encoding", "gzip")
                .build());

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(trackResponse(plain).path("itemsAccepted").asInt()).isEqualTo(3);
    assertThat(gzip.statusCode()).isEqualTo(200);
    assertThat(trackResponse(gzip).path("itemsAccepted").asInt()).isEqualTo(2);
    assertThat(server.acceptedItemIds()).containsExactly("l-0", "l-1", "l-2", "z-0", "z-1");
    assertThat(server.requests())
        .extracting(RecordedRequest::gzip, r -> r.header("Content-Type"))
        .containsExactly(
            tuple(false, "application/x-json-stream"), tuple(true, "application/x-json-stream"));
  }

  @Test
  void aBrokenLineOfAJsonStreamFailsOnlyThatItem() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    String body =
        Envelopes.event("s-0") + "\n{\"ver\":1,\"name\":\n" + Envelopes.event("s-2") + "\n";

    HttpResponse<String> response =
        send(
            post(server.trackUri(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build());

    assertThat(response.statusCode()).isEqualTo(206);
    JsonNode answer = trackResponse(response);
    assertThat(errorIndices(answer)).containsExactly(1);
    assertThat(answer.at("/errors/0/message").asText()).startsWith("Invalid JSON");
    assertThat(server.rejectedItems().get(0).envelope()).isNull();
    assertThat(server.rejectedItems().get(0).raw()).isEqualTo("{\"ver\":1,\"name\":");
    assertThat(server.acceptedItemIds()).containsExactly("s-0", "s-2");
  }

  @Test
  void aBrokenGzipBodyIs400() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    HttpResponse<String> response =
        send(
            post(server.trackUri(), Envelopes.jsonArray(events("b-", 1)))
                .header("Content-Encoding", "gzip")
                .build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(trackResponse(response).at("/errors/0/message").asText()).startsWith("Invalid gzip");
  }

  // ------------------------------------------------------------------ scripted answers

  @Test
  void scriptedAnswersComeInOrderAndRetriedItemsAreAcceptedOnce() throws Exception {
    FakeIngestionServer server =
        start(FakeIngestionServer.builder().script(Answer.tooManyRequests(1)));
    server.enqueue(Answer.partial(2, 500), Answer.normal());
    assertThat(server.scriptedAnswersLeft()).isEqualTo(3);
    List<ObjectNode> batch = events("r-", 4);

    HttpResponse<String> throttled = sendArray(server, batch);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode throttledBody = trackResponse(throttled);
    assertThat(throttledBody.path("itemsReceived").asInt()).isEqualTo(4);
    assertThat(throttledBody.path("itemsAccepted").asInt()).isZero();
    assertThat(throttledBody.path("errors"))
        .allSatisfy(error -> assertThat(error.path("statusCode").asInt()).isEqualTo(429));
    assertThat(server.acceptedItems()).isEmpty();

    HttpResponse<String> partial = sendArray(server, batch);
    assertThat(partial.statusCode()).isEqualTo(206);
    JsonNode partialBody = trackResponse(partial);
    assertThat(partialBody.path("itemsAccepted").asInt()).isEqualTo(3);
    assertThat(errorIndices(partialBody)).containsExactly(2);
    assertThat(partialBody.at("/errors/0/statusCode").asInt()).isEqualTo(500);
    assertThat(server.rejectedItems())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.itemId()).isEqualTo("r-2");
              assertThat(item.retriable()).isTrue();
            });

    // a client resends only the failed item
    HttpResponse<String> retry = sendArray(server, List.of(batch.get(2)));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(server.scriptedAnswersLeft()).isZero();

    // script exhausted: back to normal processing
    assertThat(sendArray(server, events("after-", 1)).statusCode()).isEqualTo(200);

    assertThat(server.acceptanceCounts())
        .containsOnlyKeys("r-0", "r-1", "r-2", "r-3", "after-0")
        .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    assertThat(server.duplicateAcceptances()).isEmpty();
    assertThat(server.requests())
        .extracting(RecordedRequest::status, RecordedRequest::scripted)
        .containsExactly(tuple(429, true), tuple(206, true), tuple(200, true), tuple(200, false));
    assertThat(server.requests().get(0).retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void resendingAnAcceptedItemShowsAsADuplicate() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    List<ObjectNode> batch = events("d-", 2);
    sendArray(server, batch);
    sendArray(server, List.of(batch.get(1)));

    assertThat(server.acceptanceCount("d-0")).isEqualTo(1);
    assertThat(server.acceptanceCount("d-1")).isEqualTo(2);
    assertThat(server.duplicateAcceptances()).containsExactly(Map.entry("d-1", 2));
    assertThat(server.acceptedItems("d-1"))
        .extracting(AcceptedItem::requestNumber)
        .containsExactly(1, 2);
  }

  @Test
  void wholeRequestFailuresFollowTrackResponse() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    server.enqueue(
        Answer.serviceUnavailable(7),
        Answer.internalServerError(),
        Answer.dailyCapExceeded(),
        Answer.failRequest(400),
        Answer.internalServerError().withRetryAfter(2));
    List<ObjectNode> batch = events("w-", 2);

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      responses.add(sendArray(server, batch));
    }

    assertThat(responses)
        .extracting(HttpResponse::statusCode)
        .containsExactly(503, 500, 402, 400, 500);
    assertThat(responses)
        .extracting(r -> r.headers().firstValue("Retry-After").orElse(null))
        .containsExactly("7", null, null, null, "2");
    for (HttpResponse<String> response : responses) {
      JsonNode body = trackResponse(response);
      assertThat(body.path("itemsReceived").asInt()).isEqualTo(2);
      assertThat(body.path("itemsAccepted").asInt()).isZero();
      assertThat(errorIndices(body)).containsExactly(0, 1);
      assertThat(body.at("/errors/0/statusCode").asInt()).isEqualTo(response.statusCode());
    }
    assertThat(server.acceptedItems()).isEmpty();
    assertThat(server.rejectedItems()).isEmpty();
    assertThat(server.requests()).extracting(RecordedRequest::itemsReceived).containsOnly(2);
  }

  @Test
  void retryAfterIsSentWithRandom429And503() throws Exception {
    FakeIngestionServer throttling =
        start(FakeIngestionServer.builder().tooManyRequestsRate(1.0).retryAfterSeconds(3));
    FakeIngestionServer unavailable =
        start(FakeIngestionServer.builder().serviceUnavailableRate(1.0).retryAfterSeconds(0));

    HttpResponse<String> r429 = sendArray(throttling, events("t-", 1));
    HttpResponse<String> r503 = sendArray(unavailable, events("u-", 1));

    assertThat(r429.statusCode()).isEqualTo(429);
    assertThat(r429.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(r503.statusCode()).isEqualTo(503);
    assertThat(r503.headers().firstValue("Retry-After")).hasValue("0");
    trackResponse(r429);
    trackResponse(r503);
  }

  @Test
  void itemsCanBeForcedTo400ByAPredicate() throws Exception {
    FakeIngestionServer server =
        start(
            FakeIngestionServer.builder()
                .rejectItemsWithProperty("test.verdict", "reject")
                .rejectItemsWhere(
                    envelope -> envelope.path("name").asText().endsWith(".Metric"),
                    "metrics are refused today"));
    List<ObjectNode> items =
        List.of(
            Envelopes.event("k-0"),
            Envelopes.event("k-1", Map.of("test.verdict", "reject")),
            Envelopes.metric("k-2", "m", 1, 1));

    HttpResponse<String> response = sendArray(server, items);

    assertThat(response.statusCode()).isEqualTo(206);
    JsonNode body = trackResponse(response);
    assertThat(errorIndices(body)).containsExactly(1, 2);
    assertThat(body.at("/errors/0/message").asText()).contains("test.verdict");
    assertThat(body.at("/errors/1/message").asText()).isEqualTo("metrics are refused today");
    assertThat(server.acceptedItemIds()).containsExactly("k-0");
  }

  @Test
  void randomItemFailuresAreRetriableAndAnswered206() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder().seed(3).itemFailureRate(1.0));
    HttpResponse<String> response = sendArray(server, events("i-", 12));

    assertThat(response.statusCode()).isEqualTo(206);
    JsonNode body = trackResponse(response);
    assertThat(body.path("itemsAccepted").asInt()).isZero();
    assertThat(server.rejectedItems()).hasSize(12).allMatch(RejectedItem::retriable);
    assertThat(server.rejectedItems())
        .extracting(RejectedItem::statusCode)
        .containsAnyOf(500, 429, 503, 408)
        .isSubsetOf(FakeIngestionServer.RETRIABLE_ITEM_STATUSES);

    FakeIngestionServer only408 =
        start(FakeIngestionServer.builder().itemFailureRate(1.0).itemFailureStatuses(408));
    sendArray(only408, events("j-", 3));
    assertThat(only408.rejectedItems()).extracting(RejectedItem::statusCode).containsOnly(408);
  }

  // ------------------------------------------------------------------ seeded random faults

  private static List<String> outcomes(FakeIngestionServer server, HttpClient client, int requests)
      throws Exception {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      byte[] body = Envelopes.jsonArray(events("q" + i + "-", 5));
      try {
        HttpResponse<String> response =
            client.send(
                post(server.trackUri(), body).build(), HttpResponse.BodyHandlers.ofString());
        outcomes.add(response.statusCode() + " " + errorsOf(response.body()));
      } catch (IOException e) {
        outcomes.add("dropped");
      }
    }
    return outcomes;
  }

  private static String errorsOf(String body) throws IOException {
    StringBuilder text = new StringBuilder();
    MAPPER
        .readTree(body)
        .path("errors")
        .forEach(
            e ->
                text.append(e.path("index").asInt())
                    .append(':')
                    .append(e.path("statusCode").asInt())
                    .append(' '));
    return text.toString().trim();
  }

  private static FakeIngestionServer.Builder faulty(long seed) {
    return FakeIngestionServer.builder()
        .seed(seed)
        .tooManyRequestsRate(0.2)
        .serviceUnavailableRate(0.1)
        .internalServerErrorRate(0.1)
        .dailyCapRate(0.05)
        .dropRate(0.05)
        .itemFailureRate(0.2);
  }

  @Test
  void seededFaultsAreReproducibleAndFollowTheRates() throws Exception {
    int requests = 100;
    List<String> first = outcomes(start(faulty(42)), client, requests);
    List<String> second = outcomes(start(faulty(42)), client(null), requests);
    List<String> otherSeed = outcomes(start(faulty(43)), client, requests);

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);

    Map<String, Long> byStatus =
        first.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    outcome -> outcome.split(" ")[0], java.util.stream.Collectors.counting()));
    // expected: 429 20, 503 10, 500 10, 402 5, dropped 5, 200/206 50 (206 when an item fails)
    assertThat(byStatus.get("429")).isBetween(8L, 32L);
    assertThat(byStatus.get("503")).isBetween(3L, 20L);
    assertThat(byStatus.get("500")).isBetween(3L, 20L);
    assertThat(byStatus.get("402")).isBetween(1L, 12L);
    assertThat(byStatus.get("dropped")).isBetween(1L, 12L);
    assertThat(byStatus.getOrDefault("200", 0L) + byStatus.getOrDefault("206", 0L))
        .isBetween(35L, 65L);
    assertThat(byStatus.get("206")).isPositive();
  }

  // ------------------------------------------------------------------ connections and time-outs

  @Test
  void aDroppedConnectionSurfacesAsAnIOExceptionAndAcceptsNothing() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder().script(Answer.drop()));
    List<ObjectNode> batch = events("c-", 2);

    assertThatThrownBy(() -> sendArray(server, batch)).isInstanceOf(IOException.class);

    assertThat(server.acceptedItems()).isEmpty();
    RecordedRequest dropped = server.requests().get(0);
    assertThat(dropped.dropped()).isTrue();
    assertThat(dropped.status()).isEqualTo(FakeIngestionServer.DROPPED);
    assertThat(dropped.responseBody()).isNull();
    assertThat(dropped.itemsReceived()).isEqualTo(2);

    // the next request is served normally
    assertThat(sendArray(server, batch).statusCode()).isEqualTo(200);
    assertThat(server.duplicateAcceptances()).isEmpty();
  }

  @Test
  void droppingAfterAcceptingProducesADuplicateWhenTheClientResends() throws Exception {
    FakeIngestionServer server =
        start(FakeIngestionServer.builder().script(Answer.dropAfterAccepting()));
    List<ObjectNode> batch = events("a-", 2);

    assertThatThrownBy(() -> sendArray(server, batch)).isInstanceOf(IOException.class);
    assertThat(server.acceptedItemIds()).containsExactly("a-0", "a-1");
    assertThat(server.requests().get(0).dropped()).isTrue();
    assertThat(server.requests().get(0).itemsAccepted()).isEqualTo(2);

    sendArray(server, batch);
    assertThat(server.duplicateAcceptances()).containsOnlyKeys("a-0", "a-1");
  }

  @Test
  void aDelayedAnswerTimesOutTheClientButItsItemsWereAccepted() throws Exception {
    FakeIngestionServer server =
        start(
            FakeIngestionServer.builder().script(Answer.normal().delayedBy(Duration.ofSeconds(3))));
    HttpRequest request =
        post(server.trackUri(), Envelopes.jsonArray(events("slow-", 1)))
            .timeout(Duration.ofMillis(300))
            .build();

    long started = System.nanoTime();
    assertThatThrownBy(() -> send(request)).isInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    assertThat(server.awaitAcceptances(1, Duration.ofSeconds(5))).isTrue();
    assertThat(server.acceptanceCount("slow-0")).isEqualTo(1);
  }

  @Test
  void randomDelaysSlowTheAnswer() throws Exception {
    FakeIngestionServer server =
        start(FakeIngestionServer.builder().delayRate(1.0).delay(Duration.ofMillis(400)));
    long started = System.nanoTime();
    HttpResponse<String> response = sendArray(server, events("v-", 1));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(server.requests().get(0).answer().flatMap(Answer::delay))
        .hasValue(Duration.ofMillis(400));
  }

  // ------------------------------------------------------------------ auth, keys, paths

  @Test
  void bearerTokenIsRequiredWhenConfigured() throws Exception {
    FakeIngestionServer server =
        start(
            FakeIngestionServer.builder()
                .requireBearerToken("t0ken")
                .script(Answer.tooManyRequests(1)));
    byte[] body = Envelopes.jsonArray(events("auth-", 1));

    HttpResponse<String> none = send(post(server.trackUri(), body).build());
    HttpResponse<String> basic =
        send(post(server.trackUri(), body).header("Authorization", "Basic dXNlcjpwdw==").build());
    HttpResponse<String> wrong =
        send(post(server.trackUri(), body).header("Authorization", "Bearer other").build());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(403);
    trackResponse(none);
    trackResponse(wrong);
    assertThat(server.acceptedItems()).isEmpty();
    // unauthorized requests do not consume scripted answers
    assertThat(server.scriptedAnswersLeft()).isEqualTo(1);

    HttpRequest.Builder good =
        post(server.trackUri(), body).header("Authorization", "Bearer t0ken");
    assertThat(send(good.build()).statusCode()).isEqualTo(429);
    assertThat(send(good.build()).statusCode()).isEqualTo(200);
    assertThat(server.acceptedItemIds()).containsExactly("auth-0");
    assertThat(server.requests().get(3).header("authorization")).isEqualTo("Bearer t0ken");
  }

  @Test
  void httpsServerIsTrustedThroughItsSslContextOnly() throws Exception {
    FakeIngestionServer server =
        start(
            FakeIngestionServer.builder()
                .https()
                .requireBearerToken(token -> token.startsWith("ey")));
    assertThat(server.isHttps()).isTrue();
    assertThat(server.endpoint().toString()).startsWith("https://127.0.0.1:");
    assertThat(server.connectionString())
        .isEqualTo(
            "InstrumentationKey="
                + FakeIngestionServer.DEFAULT_INSTRUMENTATION_KEY
                + ";IngestionEndpoint="
                + server.endpoint());
    assertThat(server.certificate().getSubjectX500Principal().getName()).contains("CN=127.0.0.1");
    assertThat(server.trustStore().size()).isEqualTo(1);
    HttpRequest request =
        post(server.trackUri(), Envelopes.jsonArray(events("tls-", 1)))
            .header("Authorization", "Bearer eyJhbGciOi.test.token")
            .build();

    HttpResponse<String> response =
        client(server.sslContext()).send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server.acceptedItemIds()).containsExactly("tls-0");

    assertThatThrownBy(
            () ->
                client(SSLContext.getDefault()).send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainServerHasNoSslContext() {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    assertThat(server.trackUri().toString()).endsWith(":" + server.port() + "/v2.1/track");
    assertThatThrownBy(server::sslContext).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void instrumentationKeyAndItemAgeChecks() throws Exception {
    FakeIngestionServer server =
        start(
            FakeIngestionServer.builder()
                .instrumentationKey("c1f83947-938c-5e2a-82ff-804be07647bc")
                .rejectItemsOlderThan(Duration.ofHours(48)));
    ObjectNode fresh = Envelopes.event("f-0");
    fresh.put("iKey", "c1f83947-938c-5e2a-82ff-804be07647bc");
    ObjectNode otherKey = Envelopes.event("f-1");
    JsonNode example =
        TrackSchema.readResource(TrackSchema.TRACK_EXAMPLE_RESOURCE).at("/parameters/body/0");

    HttpResponse<String> response = sendArray(server, List.of(fresh, otherKey, example));

    assertThat(response.statusCode()).isEqualTo(206);
    JsonNode body = trackResponse(response);
    assertThat(errorIndices(body)).containsExactly(1, 2);
    assertThat(body.at("/errors/0/message").asText()).isEqualTo("Invalid instrumentation key");
    assertThat(body.at("/errors/1/message").asText()).contains("older than the allowed min date");
    assertThat(server.connectionString()).startsWith("InstrumentationKey=c1f83947-");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    HttpResponse<String> wrongPath =
        send(
            post(server.endpoint().resolve("v2/track"), Envelopes.jsonArray(events("n-", 1)))
                .build());
    HttpResponse<String> get = send(HttpRequest.newBuilder(server.trackUri()).GET().build());
    assertThat(wrongPath.statusCode()).isEqualTo(404);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(server.requests()).extracting(RecordedRequest::status).containsExactly(404, 405);
    assertThat(server.acceptedItems()).isEmpty();
  }

  // ------------------------------------------------------------------ bookkeeping

  @Test
  void bookkeepingIsThreadSafe() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder().seed(9).itemFailureRate(0.1));
    int threads = 8;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "-";
        tasks.add(
            () -> {
              int failed = 0;
              for (int i = 0; i < perThread; i++) {
                List<ObjectNode> batch = events(prefix + i + "-", 4);
                HttpResponse<String> response = sendArray(server, batch);
                failed += MAPPER.readTree(response.body()).path("errors").size();
              }
              return failed;
            });
      }
      int failed = 0;
      for (Future<Integer> result : pool.invokeAll(tasks)) {
        failed += result.get();
      }
      int total = threads * perThread * 4;
      assertThat(server.requestCount()).isEqualTo(threads * perThread);
      assertThat(server.acceptedItems()).hasSize(total - failed);
      assertThat(server.rejectedItems()).hasSize(failed);
      assertThat(server.acceptedItemIds()).hasSize(total - failed);
      assertThat(server.duplicateAcceptances()).isEmpty();
      assertThat(server.requests())
          .extracting(RecordedRequest::number)
          .doesNotHaveDuplicates()
          .hasSize(threads * perThread);
      assertThat(server.fixtureFailures()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resetForgetsTheBookkeeping() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder());
    sendArray(server, events("x-", 2));
    assertThat(server.awaitRequests(1, Duration.ofSeconds(1))).isTrue();
    server.reset();
    assertThat(server.requests()).isEmpty();
    assertThat(server.acceptedItems()).isEmpty();
    assertThat(server.acceptanceCount("x-0")).isZero();
    assertThat(server.awaitAcceptances(1, Duration.ofMillis(50))).isFalse();
  }

  @Test
  void customItemIdProperty() throws Exception {
    FakeIngestionServer server = start(FakeIngestionServer.builder().itemIdProperty("one"));
    JsonNode example = TrackSchema.readResource(TrackSchema.TRACK_EXAMPLE_RESOURCE);
    send(post(server.trackUri(), MAPPER.writeValueAsBytes(example.at("/parameters/body"))).build());
    assertThat(server.acceptanceCount("-1-")).isEqualTo(7);
    assertThat(server.duplicateAcceptances()).containsExactly(Map.entry("-1-", 7));
  }

  @Test
  void builderRejectsImpossibleRates() {
    assertThatThrownBy(() -> FakeIngestionServer.builder().dropRate(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FakeIngestionServer.builder().tooManyRequestsRate(0.6).dropRate(0.6).start())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Set.of(Answer.normal().toString(), Answer.partial(2, 500).toString()))
        .contains("normal", "partial{2=500}");
  }
}
