package dev.tollgate.otel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A local OTLP/HTTP receiver: answers POST /v1/metrics and /v1/logs with a settable status and
 * keeps every request, decoded with the official OTLP protobuf classes.
 */
final class OtlpReceiver implements AutoCloseable {
  record Received(String path, int answered, Map<String, List<String>> headers, byte[] body) {
    ExportMetricsServiceRequest metrics() {
      try {
        return ExportMetricsServiceRequest.parseFrom(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    ExportLogsServiceRequest logs() {
      try {
        return ExportLogsServiceRequest.parseFrom(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final AtomicInteger status = new AtomicInteger(200);
  private final List<Received> received = new CopyOnWriteArrayList<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/metrics", this::handle);
    server.createContext("/v1/logs", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void answer(int code) {
    status.set(code);
  }

  /** Requests to the path that were answered 200, in arrival order. */
  List<Received> accepted(String path) {
    return received.stream().filter(r -> r.path().equals(path) && r.answered() == 200).toList();
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      int code = status.get();
      received.add(
          new Received(
              ex.getRequestURI().getPath(), code, lowerCaseKeys(ex.getRequestHeaders()), body));
      ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      // An empty body is a valid, fully successful Export*ServiceResponse.
      ex.sendResponseHeaders(code, -1);
    }
  }

  private static Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> headers) {
    Map<String, List<String>> m = new HashMap<>();
    headers.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return Map.copyOf(m);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
