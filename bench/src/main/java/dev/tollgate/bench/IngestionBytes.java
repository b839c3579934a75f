package dev.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.appinsights.AppInsightsSink;
import dev.tollgate.appinsights.ConnectionString;
import dev.tollgate.appinsights.EventMode;
import dev.tollgate.appinsights.HttpIngestionClient;
import dev.tollgate.appinsights.IngestionClient;
import dev.tollgate.appinsights.TrackDelivery;
import dev.tollgate.appinsights.TrackResponse;
import dev.tollgate.appinsights.testing.FakeIngestionServer;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.Sinks;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Application Insights bytes on the wire (gzip'd track requests, as the fake ingestion endpoint
 * received them) per 1,000 LLM requests, for each {@code TOLLGATE_EVENTS} mode, with metrics on.
 *
 * <p>Two shapes: {@code function} runs one pipeline run and one sink per Event Hub batch of 100
 * bodies, as the Functions app does (so each batch emits its own partial window metrics); {@code
 * replay} runs the whole input as one run. The metric items must be the same in every mode: what
 * alerts read does not depend on the event mode.
 */
public final class IngestionBytes {
  static final int BATCH_BODIES = 100;

  private IngestionBytes() {}

  /** What one mode sent. */
  public record Result(
      String shape,
      double rate,
      String mode,
      long llmRequests,
      long wireBytes,
      long clientBytes,
      long jsonBytes,
      int requests,
      int events,
      int metrics,
      int health,
      int zeroMetrics,
      Map<String, Double> metricValues) {

    public double wireBytesPer1000() {
      return wireBytes * 1000.0 / Math.max(1, llmRequests);
    }

    String json() {
      return String.format(
          Locale.ROOT,
          "{\"shape\":\"%s\",\"rate\":%s,\"mode\":\"%s\",\"llm_requests\":%d,\"wire_bytes\":%d,"
              + "\"client_bytes\":%d,\"json_bytes\":%d,\"track_requests\":%d,\"events\":%d,"
              + "\"metrics\":%d,\"zero_metrics\":%d,\"health\":%d,\"wire_bytes_per_1000\":%.0f,"
              + "\"json_bytes_per_1000\":%.0f,\"metrics_hash\":%d}",
          shape,
          rate,
          mode,
          llmRequests,
          wireBytes,
          clientBytes,
          jsonBytes,
          requests,
          events,
          metrics,
          zeroMetrics,
          health,
          wireBytesPer1000(),
          jsonBytes * 1000.0 / Math.max(1, llmRequests),
          metricValues.hashCode());
    }
  }

  /** Bodies from the generator until they hold at least {@code llm} LLM calls. */
  public static List<String> corpus(long seed, double rate, int llm) {
    CorpusGenerator g =
        new CorpusGenerator(CorpusGenerator.Options.DEFAULTS.withSeed(seed).withRate(rate));
    List<String> bodies = new ArrayList<>();
    while (g.stats().llmRecords() < llm) {
      bodies.add(g.nextBody());
    }
    return bodies;
  }

  public static Result measure(String shape, double rate, List<String> bodies, String mode) {
    try (FakeIngestionServer server = FakeIngestionServer.builder().start()) {
      long[] clientBytes = new long[1];
      HttpIngestionClient http =
          HttpIngestionClient.builder()
              .connectionString(ConnectionString.parse(server.connectionString()))
              .timeout(Duration.ofSeconds(30))
              .build();
      IngestionClient counting =
          body -> {
            clientBytes[0] += body.length;
            return send(http, body);
          };
      TrackDelivery delivery = TrackDelivery.builder().client(counting).build();
      Pipeline pipeline = Pipeline.builder().build();
      Totals totals = new Totals();
      List<List<String>> runs = new ArrayList<>();
      if (shape.equals("replay")) {
        runs.add(bodies);
      } else {
        for (int i = 0; i < bodies.size(); i += BATCH_BODIES) {
          runs.add(bodies.subList(i, Math.min(bodies.size(), i + BATCH_BODIES)));
        }
      }
      long seq = 0;
      for (List<String> batch : runs) {
        AppInsightsSink sink =
            AppInsightsSink.builder()
                .delivery(delivery)
                .instrumentationKey(server.instrumentationKey())
                .eventMode(EventMode.parse(mode))
                .source("bench:" + shape)
                .build();
        Run run = pipeline.start(Sinks.tee(List.of(totals, sink)));
        for (String b : batch) {
          run.accept(new EventBody(b, "0", seq++, null, "bench"));
        }
        run.close();
      }
      long wire = 0;
      long json = 0;
      for (FakeIngestionServer.RecordedRequest r : server.requests()) {
        wire += r.bodyBytes();
        json += r.decodedBodyBytes();
      }
      int events = 0;
      int metrics = 0;
      int health = 0;
      int zero = 0;
      Map<String, Double> metricValues = new TreeMap<>();
      for (FakeIngestionServer.AcceptedItem item : server.acceptedItems()) {
        JsonNode base = item.baseData();
        if ("MetricData".equals(item.baseType())) {
          metrics++;
          JsonNode m = base.path("metrics").path(0);
          if (m.path("value").asDouble() == 0) {
            zero++;
          }
          metricValues.merge(
              m.path("name").asText() + "|" + dimensions(base.path("properties")),
              m.path("value").asDouble(),
              Double::sum);
        } else if (AppInsightsSink.REQUEST_EVENT.equals(base.path("name").asText())) {
          events++;
        } else {
          health++;
        }
      }
      return new Result(
          shape,
          rate,
          mode,
          totals.llm(),
          wire,
          clientBytes[0],
          json,
          server.requestCount(),
          events,
          metrics,
          health,
          zero,
          metricValues);
    }
  }

  /** A metric's dimensions without its item id (ids carry the batch's first position). */
  private static String dimensions(JsonNode props) {
    StringBuilder b = new StringBuilder();
    props
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("tollgate.item_id")) {
                b.append(e.getKey()).append('=').append(e.getValue().asText()).append(';');
              }
            });
    return b.toString();
  }

  private static TrackResponse send(HttpIngestionClient http, byte[] body) throws IOException {
    return http.send(body);
  }

  public static void main(String[] args) {
    int llm = 5000;
    List<String> shapes = List.of("function", "replay");
    List<Double> rates = List.of(50.0);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--llm" -> llm = Integer.parseInt(args[++i]);
        case "--shapes" -> shapes = List.of(args[++i].split(","));
        case "--rates" -> {
          List<Double> r = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            r.add(Double.parseDouble(s));
          }
          rates = r;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    for (double rate : rates) {
      List<String> bodies = corpus(42, rate, llm);
      for (String shape : shapes) {
        for (String mode : List.of("all", "errors", "sampled:10", "off")) {
          System.out.println(measure(shape, rate, bodies, mode).json());
        }
      }
    }
  }
}
