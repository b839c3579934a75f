package dev.tollgate.loganalytics;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.models.ResponseError;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.LogsQueryClientBuilder;
import com.azure.monitor.query.models.LogsColumnType;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@link LogsQuery} over the Azure SDK's {@code LogsQueryClient} (azure-monitor-query 1.5.2, kept
 * behind the interface because it is deprecated upstream for azure-monitor-query-logs, which cannot
 * be had here).
 *
 * <p>Authenticates with {@code DefaultAzureCredential} unless given a credential (the identity
 * needs <i>Log Analytics Reader</i> on the workspace), sends on the JDK HTTP client, lets the SDK
 * retry transient failures a few times but never 429 (the poller honours Retry-After itself) nor
 * time-outs (a second try would double the wait), and asks for partial results rather than an
 * exception. The client's quirk is handled: column lists come back empty, so names and types are
 * read from the cells.
 */
public final class AzureLogsQuery implements LogsQuery {

  private final LogsQueryClient client;
  private final Duration serverTimeout;

  private AzureLogsQuery(LogsQueryClient client, Duration serverTimeout) {
    this.client = client;
    this.serverTimeout = serverTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The client the app settings describe ({@link LogAnalyticsSettings#ENDPOINT}, {@link
   * LogAnalyticsSettings#SERVER_TIMEOUT}), authenticating with {@code DefaultAzureCredential} (the
   * managed identity in Azure; {@code AZURE_CLIENT_ID} picks a user-assigned one).
   *
   * @throws IllegalArgumentException naming a wrong setting
   */
  public static AzureLogsQuery fromSettings(Map<String, String> env) {
    return builder()
        .endpoint(LogAnalyticsSettings.endpoint(env))
        .serverTimeout(LogAnalyticsSettings.serverTimeout(env))
        .build();
  }

  /** Builds an {@link AzureLogsQuery}; every setting has a production default. */
  public static final class Builder {
    private String endpoint;
    private TokenCredential credential;
    private HttpClient httpClient;
    private Duration serverTimeout = Duration.ofMinutes(2);
    private int retries = 2;
    private Duration retryDelay = Duration.ofSeconds(1);

    private Builder() {}

    /** The logs query endpoint, e.g. {@code https://api.loganalytics.io/v1} (the default). */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** The credential (default: {@code DefaultAzureCredential}). */
    public Builder credential(TokenCredential credential) {
      this.credential = credential;
      return this;
    }

    /** The HTTP client (default: the JDK HTTP client). */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * How long the service may run one query (default two minutes, at most ten); null leaves it to
     * the service (three minutes) and the HTTP client's own response timeout.
     */
    public Builder serverTimeout(Duration serverTimeout) {
      this.serverTimeout = serverTimeout;
      return this;
    }

    /** SDK retries of transient failures (default 2, first after {@code delay}, exponential). */
    public Builder retries(int retries, Duration delay) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries cannot be negative");
      }
      this.retries = retries;
      this.retryDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    public AzureLogsQuery build() {
      LogsQueryClientBuilder b =
          new LogsQueryClientBuilder()
              .credential(
                  credential != null ? credential : new DefaultAzureCredentialBuilder().build())
              .httpClient(httpClient != null ? httpClient : new JdkHttpClientBuilder().build())
              .retryPolicy(
                  new RetryPolicy(
                      // 429 is ours to handle; time-outs are not worth repeating.
                      new TransientRetryStrategy(
                          retries, retryDelay, Set.of(429, 408, 504), false)));
      if (endpoint != null) {
        b.endpoint(endpoint);
      }
      return new AzureLogsQuery(b.buildClient(), serverTimeout);
    }
  }

  @Override
  public LogsQueryResult query(String workspaceId, String kql, QueryTimeSpan timeSpan) {
    LogsQueryOptions options = new LogsQueryOptions().setAllowPartialErrors(true);
    if (serverTimeout != null) {
      options.setServerTimeout(serverTimeout);
    }
    QueryTimeInterval interval =
        new QueryTimeInterval(
            timeSpan.start().atOffset(ZoneOffset.UTC), timeSpan.end().atOffset(ZoneOffset.UTC));
    com.azure.monitor.query.models.LogsQueryResult result;
    try {
      result =
          client
              .queryWorkspaceWithResponse(workspaceId, kql, interval, options, Context.NONE)
              .getValue();
    } catch (HttpResponseException e) {
      throw translate(e);
    } catch (RuntimeException e) {
      if (isTimeout(e)) {
        throw new LogsQueryTimeoutException(
            "no answer from Log Analytics in time: " + e.getMessage(), 0, e);
      }
      throw new LogsQueryException("Log Analytics query failed: " + e.getMessage(), 0, e);
    }
    ResponseError error = result.getError();
    if (result.getQueryResultStatus() == LogsQueryResultStatus.FAILURE) {
      String what = describe(error);
      if (isTimeoutCode(error == null ? null : error.getCode())) {
        throw new LogsQueryTimeoutException(
            "the query timed out on Log Analytics: " + what, 0, null);
      }
      throw new LogsQueryException("the query failed on Log Analytics: " + what, 0, null);
    }
    return convert(
        result.getTable(),
        result.getQueryResultStatus() == LogsQueryResultStatus.PARTIAL_FAILURE,
        describe(error));
  }

  static LogsQueryResult convert(LogsTable table, boolean partial, String partialError) {
    List<String> columns = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (table != null) {
      for (LogsTableRow row : table.getRows()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (LogsTableCell cell : row.getRow()) {
          String name = cell.getColumnName();
          if (rows.isEmpty()) {
            columns.add(name);
          }
          values.put(name, value(cell));
        }
        rows.add(values);
      }
    }
    return new LogsQueryResult(columns, rows, partial, partialError);
  }

  /** A cell's value by its column's type; text that does not parse stays text. */
  static Object value(LogsTableCell cell) {
    String raw = cell.getValueAsString();
    if (raw == null) {
      return null;
    }
    LogsColumnType type = cell.getColumnType();
    String t = type == null ? "string" : type.toString().toLowerCase(Locale.ROOT);
    try {
      switch (t) {
        case "bool":
          return Boolean.parseBoolean(raw);
        case "int":
        case "long":
          return Long.parseLong(raw.strip());
        case "real":
          return Double.parseDouble(raw.strip());
        case "decimal":
          return new BigDecimal(raw.strip());
        case "datetime":
          return OffsetDateTime.parse(raw.strip()).toInstant();
        default:
          return raw;
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      return raw;
    }
  }

  private static LogsQueryException translate(HttpResponseException e) {
    HttpResponse response = e.getResponse();
    int status = response == null ? 0 : response.getStatusCode();
    String code = e.getValue() instanceof ResponseError re ? re.getCode() : null;
    String message =
        e.getValue() instanceof ResponseError re && re.getMessage() != null
            ? re.getMessage()
            : e.getMessage();
    String what = (code == null ? "" : code + ": ") + message;
    if (status == 429) {
      Duration retryAfter = response == null ? null : retryAfter(response.getHeaders());
      return new LogsQueryThrottledException(
          "Log Analytics throttled the query (429"
              + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + " s")
              + "): "
              + what,
          retryAfter,
          e);
    }
    if (status == 504 || status == 408 || isTimeoutCode(code)) {
      return new LogsQueryTimeoutException(
          "the query timed out on Log Analytics (" + status + "): " + what, status, e);
    }
    return new LogsQueryException("Log Analytics answered " + status + ": " + what, status, e);
  }

  /**
   * Retry-After in seconds or as an HTTP date; also the millisecond headers. Shared by the other
   * Azure Monitor clients (metrics, ARM).
   */
  public static Duration retryAfter(HttpHeaders headers) {
    if (headers == null) {
      return null;
    }
    for (String name : List.of("retry-after-ms", "x-ms-retry-after-ms")) {
      String ms = headers.getValue(HttpHeaderName.fromString(name));
      if (ms != null) {
        try {
          return Duration.ofMillis(Math.max(0, Long.parseLong(ms.strip())));
        } catch (NumberFormatException e) {
          // try the next
        }
      }
    }
    String v = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String describe(ResponseError error) {
    if (error == null) {
      return null;
    }
    String code = error.getCode();
    String message = error.getMessage();
    if (code == null || code.isBlank()) {
      return message;
    }
    return message == null || message.isBlank() ? code : code + ": " + message;
  }

  private static boolean isTimeoutCode(String code) {
    if (code == null) {
      return false;
    }
    String c = code.toLowerCase(Locale.ROOT);
    return c.contains("timeout") || c.contains("timedout");
  }

  static boolean isTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TimeoutException
          || c instanceof HttpTimeoutException
          || c instanceof SocketTimeoutException
          || c instanceof InterruptedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
