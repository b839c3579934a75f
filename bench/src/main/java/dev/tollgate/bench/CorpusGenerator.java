package dev.tollgate.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes synthetic but realistic Event Hub bodies of APIM GatewayLogs records ({@code
 * {"records":[...]}}, one body per line), deterministically from a seed: the same seed and options
 * give the same bytes. The traffic mix, the size and token distributions and the cut at APIM's
 * 8,192-byte body-logging limit are documented in {@code bench/README.md} ("The corpus").
 *
 * <pre>
 * java -cp ... dev.tollgate.bench.CorpusGenerator --out corpus.jsonl --size 1g [--seed 42] [--rate 50]
 * </pre>
 */
public final class CorpusGenerator {
  /** APIM's usual "bytes of request/response body to log" setting. */
  public static final int BODY_LOG_LIMIT = 8192;

  /** The kinds of gateway call, with their share of records (they sum to 1). */
  public enum Kind {
    CHAT(0.49),
    CHAT_STREAM_USAGE(0.10),
    CHAT_STREAM_NO_USAGE(0.05),
    RESPONSES(0.08),
    EMBEDDINGS(0.13),
    RATE_LIMITED(0.05),
    CONTENT_FILTER(0.015),
    SERVER_ERROR(0.005),
    NON_LLM(0.08);

    final double share;

    Kind(double share) {
      this.share = share;
    }
  }

  /** Share of records replaced by something broken (invalid JSON, not a record, bad properties). */
  public static final double MALFORMED_SHARE = 0.001;

  /** Share of records whose {@code properties} arrive as a JSON string (older pipelines). */
  public static final double PROPERTIES_AS_STRING_SHARE = 0.02;

  /** Options: seed, traffic rate (requests per second of log time), records per body. */
  public record Options(long seed, double requestsPerSecond, int maxRecordsPerBody, Instant start) {
    public static final Options DEFAULTS =
        new Options(42, 50, 20, Instant.parse("2026-11-20T00:00:00Z"));

    public Options withSeed(long s) {
      return new Options(s, requestsPerSecond, maxRecordsPerBody, start);
    }

    public Options withRate(double r) {
      return new Options(seed, r, maxRecordsPerBody, start);
    }
  }

  /** What was generated so far. */
  public static final class Stats {
    long bodies;
    long records;
    long bytes;
    long malformed;
    long propertiesAsString;
    long cutRequestBodies;
    long cutResponseBodies;
    long usageLost;
    final EnumMap<Kind, Long> byKind = new EnumMap<>(Kind.class);

    public long bodies() {
      return bodies;
    }

    public long records() {
      return records;
    }

    /** UTF-8 bytes of the bodies, one newline each included. */
    public long bytes() {
      return bytes;
    }

    public long malformed() {
      return malformed;
    }

    public long cutRequestBodies() {
      return cutRequestBodies;
    }

    public long cutResponseBodies() {
      return cutResponseBodies;
    }

    /** LLM calls whose logged response lacks usage (cut, or a stream without usage). */
    public long usageLost() {
      return usageLost;
    }

    public Map<Kind, Long> byKind() {
      return Map.copyOf(byKind);
    }

    /** LLM calls: records of every kind but NON_LLM, malformed ones excluded. */
    public long llmRecords() {
      long n = 0;
      for (Map.Entry<Kind, Long> e : byKind.entrySet()) {
        if (e.getKey() != Kind.NON_LLM) {
          n += e.getValue();
        }
      }
      return n;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "bodies=%d records=%d bytes=%d (%.1f MB, %.0f B/record) malformed=%d"
                  + " propertiesAsString=%d cutRequests=%d cutResponses=%d usageLost=%d%n",
              bodies,
              records,
              bytes,
              bytes / 1e6,
              records == 0 ? 0.0 : (double) bytes / records,
              malformed,
              propertiesAsString,
              cutRequestBodies,
              cutResponseBodies,
              usageLost));
      byKind.forEach(
          (k, v) ->
              b.append(
                  String.format(
                      Locale.ROOT,
                      "  %-22s %8d %5.1f%%%n",
                      k,
                      v,
                      100.0 * v / Math.max(1, records))));
      return b.toString();
    }
  }

  private record Deployment(String name, String model, boolean reasoning, double weight) {}

  private static final Deployment[] CHAT_DEPLOYMENTS = {
    new Deployment("gpt-4o", "gpt-4o-2024-11-20", false, 0.32),
    new Deployment("gpt-4o-mini", "gpt-4o-mini-2024-07-18", false, 0.28),
    new Deployment("gpt-4.1", "gpt-4.1-2025-04-14", false, 0.14),
    new Deployment("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14", false, 0.10),
    new Deployment("o4-mini", "o4-mini-2025-04-16", true, 0.08),
    new Deployment("gpt-35-turbo", "gpt-35-turbo", false, 0.06),
    // A model the shipped catalog does not price: it must show up as unpriced, never as zero.
    new Deployment("mistral-large", "mistral-large-2411", false, 0.02),
  };

  private static final Deployment[] RESPONSES_MODELS = {
    new Deployment("gpt-4.1", "gpt-4.1-2025-04-14", false, 0.5),
    new Deployment("gpt-4o-mini", "gpt-4o-mini-2024-07-18", false, 0.3),
    new Deployment("o4-mini", "o4-mini-2025-04-16", true, 0.2),
  };

  private static final Deployment[] EMBEDDING_DEPLOYMENTS = {
    new Deployment("text-embedding-3-small", "text-embedding-3-small", false, 0.7),
    new Deployment("text-embedding-3-large", "text-embedding-3-large", false, 0.2),
    new Deployment("text-embedding-ada-002", "text-embedding-ada-002", false, 0.1),
  };

  private static final String[] TEAMS = {
    "team-search", "team-support", "team-sales", "team-legal", "team-hr", "team-data",
    "team-mobile", "team-web", "team-risk", "team-ops", "team-finance", "team-research"
  };

  private static final String[] PRODUCTS = {"genai-standard", "genai-premium", "genai-internal"};

  private static final String[] NON_LLM_PATHS = {
    "/weather/v1/forecast?city=",
    "/orders/v2/orders/",
    "/crm/accounts/",
    "/status/health?probe=",
    "/openai/deployments?api-version=2024-10-21&x=",
    "/openai/models?api-version=2024-10-21&x="
  };

  private static final String RESOURCE_ID =
      "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG-AI"
          + "/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/APIM-CONTOSO-AI";
  private static final String GATEWAY = "https://apim-contoso-ai.azure-api.net";
  private static final String BACKEND = "https://contoso-aoai-swc.openai.azure.com";

  private static final String[] WORDS =
      ("the of and to in is that for it as with was on be by this are or from at an which have"
              + " not but all can has more their were one will would there been if its also time"
              + " about into only other new some could these two may first then do any like my now"
              + " over such our man me even most made after also did many before must through back"
              + " years where much your way well down should because each just those people how"
              + " too little state good very make world still own see men work long get here"
              + " between both life being under never day same another know while last might us"
              + " great old year off come since against go came right used take three customer"
              + " invoice contract summary report quarterly revenue incident deployment latency"
              + " dashboard policy renewal onboarding escalation ticket refund shipment forecast"
              + " migration kubernetes database schema endpoint throughput availability compliance"
              + " résumé café naïve façade coördinate")
          .split(" ");

  private final Options options;
  private final SplittableRandom random;
  private final Stats stats = new Stats();
  private final String text;
  private final String[] floats;
  private final double[] kindCdf;
  private long timeNanos;

  public CorpusGenerator(Options options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.text = textPool(new SplittableRandom(options.seed() ^ 0x5DEECE66DL), 1 << 20);
    this.floats = new String[256];
    SplittableRandom fr = new SplittableRandom(options.seed() + 1);
    for (int i = 0; i < floats.length; i++) {
      floats[i] = String.format(Locale.ROOT, "%.9f", fr.nextDouble(-0.08, 0.08));
    }
    this.kindCdf = new double[Kind.values().length];
    double c = 0;
    for (Kind k : Kind.values()) {
      c += k.share;
      kindCdf[k.ordinal()] = c;
    }
    this.timeNanos = options.start().getEpochSecond() * 1_000_000_000L + options.start().getNano();
  }

  public Stats stats() {
    return stats;
  }

  /** One Event Hub body: {@code {"records":[...]}} with 1 to maxRecordsPerBody records. */
  public String nextBody() {
    int n = 1 + random.nextInt(options.maxRecordsPerBody());
    StringBuilder b = new StringBuilder(n * 6000);
    boolean brokenBody = random.nextDouble() < MALFORMED_SHARE / 4;
    b.append("{\"records\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      record(b);
    }
    b.append("]}");
    String body = b.toString();
    if (brokenBody) {
      // A body cut in the middle (a broken export): the whole line is invalid JSON.
      body = body.substring(0, body.length() / 2);
      stats.malformed++;
    }
    stats.bodies++;
    stats.bytes += utf8Length(body) + 1;
    return body;
  }

  /** Bodies until at least {@code bytes} UTF-8 bytes (newlines counted) have been produced. */
  public List<String> bodies(long bytes) {
    List<String> out = new ArrayList<>();
    long target = stats.bytes + bytes;
    while (stats.bytes < target) {
      out.add(nextBody());
    }
    return out;
  }

  /** Writes bodies, one per line, until the file holds at least {@code bytes}. */
  public void write(Path file, long bytes) throws IOException {
    try (Writer w =
        new BufferedWriter(
            new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
            1 << 20)) {
      long target = stats.bytes + bytes;
      while (stats.bytes < target) {
        w.write(nextBody());
        w.write('\n');
      }
    }
  }

  // ------------------------------------------------------------------------------ records

  private void record(StringBuilder b) {
    stats.records++;
    // Poisson arrivals at the configured rate.
    timeNanos += (long) (-Math.log(1 - random.nextDouble()) / options.requestsPerSecond() * 1e9);
    if (random.nextDouble() < MALFORMED_SHARE) {
      malformed(b);
      return;
    }
    Kind kind = kind();
    stats.byKind.merge(kind, 1L, Long::sum);
    Call c =
        switch (kind) {
          case CHAT -> chat(false, false);
          case CHAT_STREAM_USAGE -> chat(true, true);
          case CHAT_STREAM_NO_USAGE -> chat(true, false);
          case RESPONSES -> responses();
          case EMBEDDINGS -> embeddings();
          case RATE_LIMITED -> rateLimited();
          case CONTENT_FILTER -> contentFilter();
          case SERVER_ERROR -> serverError();
          case NON_LLM -> nonLlm();
        };
    boolean asString = random.nextDouble() < PROPERTIES_AS_STRING_SHARE;
    if (asString) {
      stats.propertiesAsString++;
    }
    write(b, c, asString);
  }

  private Kind kind() {
    double u = random.nextDouble();
    for (Kind k : Kind.values()) {
      if (u < kindCdf[k.ordinal()]) {
        return k;
      }
    }
    return Kind.CHAT;
  }

  /** What one gateway call looks like before it is written as a record. */
  private static final class Call {
    String path;
    String operationId;
    String method = "POST";
    int status = 200;
    long durationMs;
    long backendMs;
    String requestBody;
    String responseBody;
    String lastErrorReason;
    String lastErrorMessage;
    boolean responseKeepsUsage = true;

    /** Bytes of the response beyond what was generated (never logged: past the limit). */
    long responseBytesNotGenerated;
  }

  private void write(StringBuilder b, Call c, boolean propertiesAsString) {
    String team = team();
    b.append("{\"time\":\"");
    time(b);
    b.append("\",\"resourceId\":\"")
        .append(RESOURCE_ID)
        .append("\",\"operationName\":\"Microsoft.ApiManagement/GatewayLogs\"")
        .append(",\"category\":\"GatewayLogs\",\"durationMs\":")
        .append(c.durationMs)
        .append(",\"callerIpAddress\":\"10.")
        .append(random.nextInt(4))
        .append('.')
        .append(random.nextInt(256))
        .append('.')
        .append(random.nextInt(256))
        .append("\",\"correlationId\":\"");
    uuid(b);
    b.append("\",\"location\":\"Sweden Central\",\"isRequestSuccess\":")
        .append(c.status < 400)
        .append(",\"resultType\":\"")
        .append(c.status < 400 ? "Succeeded" : "Failed")
        .append("\",\"Level\":4,\"Sku\":\"StandardV2\",\"DeploymentVersion\":\"0.52.19815.0\"")
        .append(",\"truncated\":false,\"properties\":");
    StringBuilder p = propertiesAsString ? new StringBuilder(4096) : b;
    p.append("{\"method\":\"")
        .append(c.method)
        .append("\",\"url\":\"")
        .append(GATEWAY)
        .append(c.path)
        .append("\",\"backendMethod\":\"")
        .append(c.method)
        .append("\",\"backendUrl\":\"")
        .append(BACKEND)
        .append(c.path)
        .append("\",\"responseCode\":")
        .append(c.status)
        .append(",\"backendResponseCode\":")
        .append(c.status)
        .append(",\"backendTime\":")
        .append(c.backendMs)
        .append(",\"clientTime\":")
        .append(1 + random.nextInt(60))
        .append(",\"cache\":\"none\",\"apiId\":\"azure-openai\",\"apiRevision\":\"1\"")
        .append(",\"operationId\":\"")
        .append(c.operationId)
        .append("\",\"apimSubscriptionId\":\"")
        .append(team)
        .append("\",\"productId\":\"")
        .append(PRODUCTS[Math.floorMod(team.hashCode(), PRODUCTS.length)])
        .append("\",\"userId\":\"1\",\"backendId\":\"aoai-swedencentral\"")
        .append(",\"clientProtocol\":\"HTTP/1.1\",\"backendProtocol\":\"HTTP/1.1\"")
        .append(",\"clientTlsVersion\":\"1.3\"");
    if (c.lastErrorReason != null) {
      p.append(",\"lastError\":{\"elapsed\":")
          .append(c.durationMs)
          .append(",\"source\":\"")
          .append(c.status == 429 ? "rate-limit-by-key" : "forward-request")
          .append("\",\"scope\":\"api\",\"section\":\"")
          .append(c.status == 429 ? "inbound" : "backend")
          .append("\",\"reason\":\"")
          .append(c.lastErrorReason)
          .append("\",\"message\":\"")
          .append(c.lastErrorMessage)
          .append("\"}");
    }
    loggedBody(p, "request", c.requestBody, 0, true);
    loggedBody(p, "response", c.responseBody, c.responseBytesNotGenerated, false);
    p.append('}');
    if (propertiesAsString) {
      b.append('"');
      escape(b, p);
      b.append('"');
    }
    b.append('}');
  }

  /** requestSize/responseSize and the body as a JSON string, cut at the logging limit. */
  private void loggedBody(
      StringBuilder p, String which, String body, long notGenerated, boolean request) {
    if (body == null) {
      p.append(',').append('"').append(which).append("Size\":").append(random.nextInt(400));
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    p.append(",\"").append(which).append("Size\":").append(bytes.length + notGenerated);
    String logged = body;
    if (bytes.length > BODY_LOG_LIMIT) {
      logged = new String(bytes, 0, BODY_LOG_LIMIT, StandardCharsets.UTF_8);
      if (request) {
        stats.cutRequestBodies++;
      } else {
        stats.cutResponseBodies++;
      }
    }
    p.append(",\"").append(which).append("Body\":\"");
    escape(p, logged);
    p.append('"');
  }

  private void malformed(StringBuilder b) {
    stats.malformed++;
    switch (random.nextInt(3)) {
      case 0 -> b.append("\"not a record\"");
      case 1 -> {
        // A record whose time is not a timestamp.
        b.append("{\"time\":\"yesterday\",\"category\":\"GatewayLogs\",\"properties\":{\"url\":\"")
            .append(GATEWAY)
            .append("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21\"}}");
      }
      default -> {
        // properties as a JSON string that is not a JSON object.
        b.append("{\"time\":\"");
        time(b);
        b.append("\",\"category\":\"GatewayLogs\",\"properties\":\"{\\\"url\\\": \\\"https://x\"}");
      }
    }
  }

  // ------------------------------------------------------------------------------ calls

  private Call chat(boolean stream, boolean includeUsage) {
    Deployment d = pick(CHAT_DEPLOYMENTS);
    Call c = new Call();
    c.path =
        "/openai/deployments/"
            + d.name()
            + "/chat/completions?api-version="
            + (random.nextDouble() < 0.8 ? "2024-10-21" : "2025-01-01-preview");
    c.operationId = "ChatCompletions_Create";
    long promptChars = 4 * logNormal(500, 1.2, 20, 60_000);
    StringBuilder req = new StringBuilder((int) promptChars + 256);
    req.append("{\"messages\":[");
    int messages = 1 + geometric(0.45);
    long systemChars = Math.min(promptChars / 3, 200 + random.nextInt(1200));
    message(req, "system", systemChars);
    long rest = promptChars - systemChars;
    for (int i = 0; i < messages; i++) {
      req.append(',');
      String role = i % 2 == 0 ? "user" : "assistant";
      message(req, role, Math.max(8, rest / messages));
    }
    req.append("],\"temperature\":0.")
        .append(random.nextInt(10))
        .append(",\"max_tokens\":")
        .append(256 << random.nextInt(4));
    if (stream) {
      req.append(",\"stream\":true");
      if (includeUsage) {
        req.append(",\"stream_options\":{\"include_usage\":true}");
      }
    }
    req.append('}');
    c.requestBody = req.toString();
    long promptTokens = promptChars / 4 + 3 + 4L * (messages + 1) + random.nextInt(8);
    long outputTokens = logNormal(120, 1.0, 1, 16_000);
    long reasoning = d.reasoning() ? outputTokens * (1 + random.nextInt(5)) : 0;
    long cached = promptTokens >= 1024 && random.nextDouble() < 0.35 ? promptTokens / 256 * 128 : 0;
    boolean toolCall = !stream && random.nextDouble() < 0.1;
    String finish = toolCall ? "tool_calls" : random.nextDouble() < 0.03 ? "length" : "stop";
    String id = "chatcmpl-" + hex(24);
    if (stream) {
      c.responseBody =
          stream(c, d, id, outputTokens, promptTokens, reasoning, cached, includeUsage, finish);
      c.responseKeepsUsage = includeUsage && utf8Length(c.responseBody) <= BODY_LOG_LIMIT;
    } else {
      StringBuilder r = new StringBuilder((int) outputTokens * 4 + 1200);
      r.append("{\"choices\":[{");
      filterResults(r, "content_filter_results");
      r.append(",\"finish_reason\":\"")
          .append(finish)
          .append("\",\"index\":0,\"logprobs\":null,\"message\":{\"annotations\":[],\"content\":");
      if (toolCall) {
        r.append("null,\"tool_calls\":[{\"function\":{\"arguments\":\"");
        escape(r, "{\"query\":\"" + words(outputTokens * 3) + "\",\"top\":5}");
        r.append("\",\"name\":\"search_documents\"},\"id\":\"call_")
            .append(hex(20))
            .append("\",\"type\":\"function\"}]");
      } else {
        r.append('"');
        escape(r, words(outputTokens * 4));
        r.append('"');
      }
      r.append(",\"refusal\":null,\"role\":\"assistant\"}}],\"created\":")
          .append(timeNanos / 1_000_000_000L)
          .append(",\"id\":\"")
          .append(id)
          .append("\",\"model\":\"")
          .append(d.model())
          .append(
              "\",\"object\":\"chat.completion\",\"prompt_filter_results\":[{\"prompt_index\":0,");
      filterResults(r, "content_filter_results");
      r.append("}],\"system_fingerprint\":\"fp_").append(hex(10)).append("\",");
      chatUsage(r, promptTokens, outputTokens + reasoning, reasoning, cached);
      r.append('}');
      c.responseBody = r.toString();
      c.responseKeepsUsage = utf8Length(c.responseBody) <= BODY_LOG_LIMIT;
    }
    if (!c.responseKeepsUsage) {
      stats.usageLost++;
    }
    latency(c, outputTokens + reasoning);
    return c;
  }

  private void message(StringBuilder req, String role, long chars) {
    req.append("{\"role\":\"").append(role).append("\",\"content\":\"");
    escape(req, words(chars));
    req.append("\"}");
  }

  private String stream(
      Call c,
      Deployment d,
      String id,
      long outputTokens,
      long promptTokens,
      long reasoning,
      long cached,
      boolean includeUsage,
      String finish) {
    StringBuilder s = new StringBuilder(BODY_LOG_LIMIT + 2048);
    long created = timeNanos / 1_000_000_000L;
    String fp = "fp_" + hex(10);
    boolean asyncFilter = random.nextBoolean();
    s.append("data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\"")
        .append(",\"prompt_filter_results\":[{\"prompt_index\":0,");
    filterResults(s, "content_filter_results");
    s.append("}]}\n\n");
    long emitted = 0;
    boolean first = true;
    // Stop building once well past the logging limit: only the first 8,192 bytes are kept, the
    // size is estimated from the tokens (about 4 characters of text plus the chunk framing each).
    long chunkOverhead = 0;
    while (emitted < outputTokens && s.length() < BODY_LOG_LIMIT + 1024) {
      int n = 1 + random.nextInt(3);
      int before = s.length();
      s.append("data: {\"choices\":[{");
      if (!asyncFilter) {
        filterResults(s, "content_filter_results");
        s.append(',');
      }
      s.append("\"delta\":{");
      if (first) {
        s.append("\"role\":\"assistant\",\"refusal\":null,");
        first = false;
      }
      s.append("\"content\":\"");
      escape(s, words(4L * n));
      s.append("\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"created\":")
          .append(created)
          .append(",\"id\":\"")
          .append(id)
          .append("\",\"model\":\"")
          .append(d.model())
          .append("\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"")
          .append(fp)
          .append("\"}\n\n");
      chunkOverhead = s.length() - before - 4L * n;
      emitted += n;
    }
    if (emitted < outputTokens) {
      // Past the limit: the rest is never logged, so it is not generated either; only its size
      // counts (about two tokens per chunk).
      c.responseBytesNotGenerated = (outputTokens - emitted) / 2 * (chunkOverhead + 8) + 300;
      return s.toString();
    }
    s.append("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"")
        .append(finish)
        .append("\",\"index\":0,\"logprobs\":null}],\"created\":")
        .append(created)
        .append(",\"id\":\"")
        .append(id)
        .append("\",\"model\":\"")
        .append(d.model())
        .append("\",\"object\":\"chat.completion.chunk\"}\n\n");
    if (includeUsage) {
      s.append("data: {\"choices\":[],\"created\":")
          .append(created)
          .append(",\"id\":\"")
          .append(id)
          .append("\",\"model\":\"")
          .append(d.model())
          .append("\",\"object\":\"chat.completion.chunk\",");
      chatUsage(s, promptTokens, outputTokens + reasoning, reasoning, cached);
      s.append("}\n\n");
    }
    s.append("data: [DONE]\n\n");
    return s.toString();
  }

  private Call responses() {
    Deployment d = pick(RESPONSES_MODELS);
    Call c = new Call();
    c.path = "/openai/v1/responses";
    c.operationId = "createResponse";
    long promptChars = 4 * logNormal(400, 1.1, 10, 40_000);
    StringBuilder req = new StringBuilder((int) promptChars + 256);
    req.append("{\"model\":\"").append(d.name()).append("\",\"instructions\":\"");
    escape(req, words(Math.min(600, promptChars / 4)));
    req.append("\",\"input\":\"");
    escape(req, words(promptChars));
    req.append("\",\"max_output_tokens\":2048}");
    c.requestBody = req.toString();
    long promptTokens = (promptChars + Math.min(600, promptChars / 4)) / 4 + 10 + random.nextInt(8);
    long outputTokens = logNormal(150, 1.0, 1, 16_000);
    long reasoning = d.reasoning() ? outputTokens * (1 + random.nextInt(5)) : 0;
    StringBuilder r = new StringBuilder((int) outputTokens * 4 + 800);
    r.append("{\"id\":\"resp_")
        .append(hex(40))
        .append("\",\"object\":\"response\",\"created_at\":")
        .append(timeNanos / 1_000_000_000L)
        .append(",\"status\":\"completed\",\"error\":null,\"incomplete_details\":null")
        .append(",\"instructions\":null,\"max_output_tokens\":2048,\"model\":\"")
        .append(d.model())
        .append("\",\"output\":[");
    if (d.reasoning()) {
      r.append("{\"id\":\"rs_")
          .append(hex(40))
          .append("\",\"type\":\"reasoning\",\"summary\":[]},");
    }
    r.append("{\"id\":\"msg_")
        .append(hex(40))
        .append("\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":")
        .append("\"output_text\",\"annotations\":[],\"text\":\"");
    escape(r, words(outputTokens * 4));
    r.append("\"}],\"role\":\"assistant\"}],\"parallel_tool_calls\":true,\"temperature\":1.0")
        .append(",\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\"")
        .append(",\"usage\":{\"input_tokens\":")
        .append(promptTokens)
        .append(",\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":")
        .append(outputTokens + reasoning)
        .append(",\"output_tokens_details\":{\"reasoning_tokens\":")
        .append(reasoning)
        .append("},\"total_tokens\":")
        .append(promptTokens + outputTokens + reasoning)
        .append("},\"user\":null,\"metadata\":{}}");
    c.responseBody = r.toString();
    c.responseKeepsUsage = utf8Length(c.responseBody) <= BODY_LOG_LIMIT;
    if (!c.responseKeepsUsage) {
      stats.usageLost++;
    }
    latency(c, outputTokens + reasoning);
    return c;
  }

  private Call embeddings() {
    Deployment d = pick(EMBEDDING_DEPLOYMENTS);
    Call c = new Call();
    c.path = "/openai/deployments/" + d.name() + "/embeddings?api-version=2024-10-21";
    c.operationId = "embeddings_create";
    int inputs = random.nextDouble() < 0.7 ? 1 : 2 + random.nextInt(15);
    StringBuilder req = new StringBuilder(4096);
    req.append("{\"input\":");
    long tokens = 0;
    if (inputs > 1) {
      req.append('[');
    }
    for (int i = 0; i < inputs; i++) {
      long chars = 4 * logNormal(150, 0.9, 4, 8000);
      tokens += chars / 4;
      req.append(i > 0 ? ",\"" : "\"");
      escape(req, words(chars));
      req.append('"');
    }
    if (inputs > 1) {
      req.append(']');
    }
    req.append('}');
    c.requestBody = req.toString();
    int dims = d.name().endsWith("large") ? 3072 : 1536;
    StringBuilder r = new StringBuilder(BODY_LOG_LIMIT + 2048);
    r.append("{\"object\":\"list\",\"data\":[");
    long full = 0;
    for (int i = 0; i < inputs; i++) {
      r.append(i > 0 ? "," : "")
          .append("{\"object\":\"embedding\",\"index\":")
          .append(i)
          .append(",\"embedding\":[");
      for (int k = 0; k < dims; k++) {
        String f = floats[random.nextInt(floats.length)];
        if (r.length() < BODY_LOG_LIMIT + 512) {
          r.append(k > 0 ? "," : "").append(f);
        } else {
          full += f.length() + 1;
        }
      }
      if (r.length() < BODY_LOG_LIMIT + 512) {
        r.append("]}");
      } else {
        full += 2;
      }
    }
    StringBuilder tail = new StringBuilder(128);
    tail.append("],\"model\":\"")
        .append(d.model())
        .append("\",\"usage\":{\"prompt_tokens\":")
        .append(tokens)
        .append(",\"total_tokens\":")
        .append(tokens)
        .append("}}");
    if (r.length() < BODY_LOG_LIMIT + 512) {
      r.append(tail);
      c.responseBody = r.toString();
    } else {
      c.responseBody = r.toString();
      c.responseBytesNotGenerated = full + tail.length();
    }
    c.responseKeepsUsage = utf8Length(c.responseBody) <= BODY_LOG_LIMIT;
    if (!c.responseKeepsUsage) {
      stats.usageLost++;
    }
    c.backendMs = 20 + logNormal(60, 0.6, 5, 5000);
    c.durationMs = c.backendMs + 2 + random.nextInt(20);
    return c;
  }

  /** A short chat call to a random chat deployment that failed with this status. */
  private Call failedChat(int status) {
    Deployment d = pick(CHAT_DEPLOYMENTS);
    Call c = new Call();
    c.path = "/openai/deployments/" + d.name() + "/chat/completions?api-version=2024-10-21";
    c.operationId = "ChatCompletions_Create";
    c.status = status;
    c.requestBody = shortChatRequest();
    return c;
  }

  private Call rateLimited() {
    Call c = failedChat(429);
    boolean fromApim = random.nextDouble() < 0.4;
    if (fromApim) {
      // APIM's own token-limit policy answers before the backend is called.
      c.responseBody =
          "{\"statusCode\":429,\"message\":\"Token limit is exceeded. Try again in "
              + (1 + random.nextInt(59))
              + " seconds.\"}";
      c.lastErrorReason = "TokenLimitExceeded";
      c.lastErrorMessage = "Token limit is exceeded";
      c.backendMs = 0;
    } else {
      c.responseBody =
          "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create"
              + " Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate"
              + " limit of your current OpenAI S0 pricing tier. Please retry after "
              + (1 + random.nextInt(59))
              + " seconds.\"}}";
      c.backendMs = 5 + random.nextInt(40);
    }
    c.durationMs = c.backendMs + 1 + random.nextInt(10);
    return c;
  }

  private Call contentFilter() {
    Call c = failedChat(400);
    String category = new String[] {"hate", "sexual", "violence", "self_harm"}[random.nextInt(4)];
    StringBuilder r = new StringBuilder(1024);
    r.append("{\"error\":{\"message\":\"The response was filtered due to the prompt triggering")
        .append(" Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\"")
        .append(",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":")
        .append("\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{");
    String[] cats = {"hate", "jailbreak", "self_harm", "sexual", "violence"};
    for (int i = 0; i < cats.length; i++) {
      boolean hit = cats[i].equals(category);
      r.append(i > 0 ? "," : "")
          .append('"')
          .append(cats[i])
          .append("\":{\"filtered\":")
          .append(hit);
      if (cats[i].equals("jailbreak")) {
        r.append(",\"detected\":false}");
      } else {
        r.append(",\"severity\":\"").append(hit ? "high" : "safe").append("\"}");
      }
    }
    r.append("}}}}");
    c.responseBody = r.toString();
    c.backendMs = 30 + random.nextInt(200);
    c.durationMs = c.backendMs + 2 + random.nextInt(10);
    return c;
  }

  private Call serverError() {
    Deployment d = pick(CHAT_DEPLOYMENTS);
    Call c = new Call();
    c.path = "/openai/deployments/" + d.name() + "/chat/completions?api-version=2024-10-21";
    c.operationId = "ChatCompletions_Create";
    boolean timeout = random.nextBoolean();
    c.status = timeout ? 504 : 500;
    c.requestBody = shortChatRequest();
    c.responseBody =
        timeout
            ? null
            : "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The server had an error"
                + " while processing your request. Sorry about that!\"}}";
    if (timeout) {
      c.lastErrorReason = "Timeout";
      c.lastErrorMessage = "Request to the backend service timed out";
    }
    c.backendMs = timeout ? 120_000 : 200 + random.nextInt(5000);
    c.durationMs = c.backendMs + 3;
    return c;
  }

  private Call nonLlm() {
    Call c = new Call();
    String path = NON_LLM_PATHS[random.nextInt(NON_LLM_PATHS.length)];
    c.path = path + random.nextInt(100_000);
    c.operationId = path.startsWith("/openai") ? "Deployments_List" : "get-resource";
    c.method = "GET";
    c.status = random.nextDouble() < 0.03 ? 404 : 200;
    c.responseBody =
        "{\"value\":[{\"id\":\""
            + hex(12)
            + "\",\"status\":\"ok\",\"updated\":\""
            + LocalDateTime.ofEpochSecond(timeNanos / 1_000_000_000L, 0, ZoneOffset.UTC)
            + "\"}]}";
    c.backendMs = logNormal(40, 0.8, 1, 10_000);
    c.durationMs = c.backendMs + 1 + random.nextInt(5);
    return c;
  }

  private String shortChatRequest() {
    StringBuilder req = new StringBuilder(2048);
    req.append("{\"messages\":[");
    message(req, "system", 200);
    req.append(',');
    message(req, "user", 4 * logNormal(300, 1.0, 10, 2000));
    req.append("]}");
    return req.toString();
  }

  private void chatUsage(
      StringBuilder r, long prompt, long completion, long reasoning, long cached) {
    r.append("\"usage\":{\"completion_tokens\":")
        .append(completion)
        .append(
            ",\"completion_tokens_details\":{\"accepted_prediction_tokens\":0,\"audio_tokens\":0")
        .append(",\"reasoning_tokens\":")
        .append(reasoning)
        .append(",\"rejected_prediction_tokens\":0},\"prompt_tokens\":")
        .append(prompt)
        .append(",\"prompt_tokens_details\":{\"audio_tokens\":0,\"cached_tokens\":")
        .append(cached)
        .append("},\"total_tokens\":")
        .append(prompt + completion)
        .append('}');
  }

  private static void filterResults(StringBuilder r, String name) {
    r.append('"')
        .append(name)
        .append("\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},")
        .append("\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},")
        .append("\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},")
        .append("\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}");
  }

  private void latency(Call c, long outputTokens) {
    // Time to first token plus ~15-40 ms per generated token, as seen from APIM.
    long ttft = logNormal(350, 0.5, 50, 20_000);
    c.backendMs = ttft + outputTokens * (15 + random.nextInt(25));
    c.durationMs = c.backendMs + 2 + random.nextInt(30);
  }

  // ------------------------------------------------------------------------------ helpers

  private Deployment pick(Deployment[] ds) {
    double u = random.nextDouble();
    double c = 0;
    for (Deployment d : ds) {
      c += d.weight();
      if (u < c) {
        return d;
      }
    }
    return ds[0];
  }

  /** Zipf-like: team i is chosen with weight 1/(i+1). */
  private String team() {
    double total = 0;
    for (int i = 0; i < TEAMS.length; i++) {
      total += 1.0 / (i + 1);
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < TEAMS.length; i++) {
      u -= 1.0 / (i + 1);
      if (u < 0) {
        return TEAMS[i];
      }
    }
    return TEAMS[0];
  }

  /** A log-normal draw with the given median and sigma, clipped to [min, max]. */
  private long logNormal(double median, double sigma, long min, long max) {
    double v = median * Math.exp(sigma * gaussian());
    return Math.max(min, Math.min(max, Math.round(v)));
  }

  private double gaussian() {
    // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private int geometric(double p) {
    int n = 0;
    while (random.nextDouble() > p && n < 30) {
      n++;
    }
    return n;
  }

  /** About {@code chars} characters of prose, cut at a word boundary, from the text pool. */
  private String words(long chars) {
    int len = (int) Math.max(1, Math.min(chars, text.length() / 2));
    int start = random.nextInt(text.length() - len - 64);
    while (start > 0 && text.charAt(start - 1) != ' ') {
      start++;
    }
    int end = start + len;
    while (end < text.length() && text.charAt(end) != ' ') {
      end++;
    }
    return text.substring(start, end);
  }

  /** Distinct words of the prose: the list above, then made-up words, as rare words and names. */
  static final int VOCABULARY = 50_000;

  private static final String[] SYLLABLES =
      ("ka ro mi ten sal vor qui ber lan dex ph str ou ei na te lo gri mun zel fa co di ar"
              + " en is ul tra pre ment tion able ist ver go shi ya ko")
          .split(" ");

  /** The word of a rank: the list's for the most frequent, then made-up ones. */
  static String word(int rank) {
    if (rank < WORDS.length) {
      return WORDS[rank];
    }
    StringBuilder b = new StringBuilder();
    int n = rank;
    do {
      b.append(SYLLABLES[n % SYLLABLES.length]);
      n /= SYLLABLES.length;
    } while (n > 0);
    return b.toString();
  }

  /**
   * About 1 MB of prose that prompts and completions are cut from. Words follow Zipf's law over
   * {@link #VOCABULARY} ranks (frequency ~ 1/rank, as in natural language: the list's ~180 words
   * make about half the text, the rest is a long tail that BPE splits into several tokens).
   */
  private static String textPool(SplittableRandom r, int chars) {
    double[] cdf = new double[VOCABULARY];
    double c = 0;
    for (int i = 0; i < VOCABULARY; i++) {
      c += 1.0 / (i + 1);
      cdf[i] = c;
    }
    StringBuilder b = new StringBuilder(chars + 32);
    int sentence = 0;
    while (b.length() < chars) {
      int rank = Arrays.binarySearch(cdf, r.nextDouble() * c);
      String w = word(rank < 0 ? Math.min(VOCABULARY - 1, -rank - 1) : rank);
      if (sentence == 0) {
        b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        b.append(w);
      }
      sentence++;
      if (sentence > 6 && r.nextInt(10) == 0) {
        b.append(r.nextInt(8) == 0 ? ".\n" : ". ");
        sentence = 0;
      } else if (r.nextInt(25) == 0) {
        b.append(", ");
      } else {
        b.append(' ');
      }
    }
    return b.toString();
  }

  private void time(StringBuilder b) {
    long secs = Math.floorDiv(timeNanos, 1_000_000_000L);
    long nanos = Math.floorMod(timeNanos, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
    pad(b, t.getYear(), 4).append('-');
    pad(b, t.getMonthValue(), 2).append('-');
    pad(b, t.getDayOfMonth(), 2).append('T');
    pad(b, t.getHour(), 2).append(':');
    pad(b, t.getMinute(), 2).append(':');
    pad(b, t.getSecond(), 2).append('.');
    pad(b, nanos / 100, 7).append('Z');
  }

  private static StringBuilder pad(StringBuilder b, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }

  private void uuid(StringBuilder b) {
    String h = hex(32);
    b.append(h, 0, 8)
        .append('-')
        .append(h, 8, 12)
        .append("-4")
        .append(h, 13, 16)
        .append("-8")
        .append(h, 17, 20)
        .append('-')
        .append(h, 20, 32);
  }

  private String hex(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = Character.forDigit(random.nextInt(16), 16);
    }
    return new String(c);
  }

  /** Appends {@code s} escaped as the inside of a JSON string. */
  static void escape(StringBuilder out, CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
  }

  static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        n++;
      } else if (ch < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(ch)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Parses sizes like {@code 64m}, {@code 1g}, {@code 500k} or a plain byte count. */
  public static long parseSize(String s) {
    String v = s.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    char last = v.charAt(v.length() - 1);
    if (last == 'b') {
      v = v.substring(0, v.length() - 1);
      last = v.charAt(v.length() - 1);
    }
    switch (last) {
      case 'k' -> unit = 1L << 10;
      case 'm' -> unit = 1L << 20;
      case 'g' -> unit = 1L << 30;
      default -> {
        return Long.parseLong(v);
      }
    }
    return (long) (Double.parseDouble(v.substring(0, v.length() - 1)) * unit);
  }

  public static void main(String[] args) throws IOException {
    Path out = null;
    long size = 64L << 20;
    Options o = Options.DEFAULTS;
    String mix = "all";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--size" -> size = parseSize(args[++i]);
        case "--seed" -> o = o.withSeed(Long.parseLong(args[++i]));
        case "--rate" -> o = o.withRate(Double.parseDouble(args[++i]));
        case "--mix" -> mix = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out FILE is required");
    }
    CorpusGenerator g = new CorpusGenerator(o);
    if (mix.equals("reported")) {
      // The same traffic without the records whose usage has to be estimated.
      List<String> bodies = CorpusMix.withoutEstimates(g.bodies(size));
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (String b : bodies) {
          w.write(b);
          w.write('\n');
        }
      }
    } else if (mix.equals("all")) {
      g.write(out, size);
    } else {
      throw new IllegalArgumentException("--mix must be all or reported");
    }
    System.out.print(g.stats());
  }
}
