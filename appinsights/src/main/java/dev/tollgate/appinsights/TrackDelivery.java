package dev.tollgate.appinsights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Sends envelopes in batches within the service's limits and deals with every answer the track API
 * gives: 206 resends only the items that failed with a retriable code; 429/503 wait for
 * Retry-After; 500s, time-outs and dropped connections back off with jitter; items answered 400 are
 * handed back as rejected with the service's message; 402 (daily cap) stops and keeps the data. One
 * instance per sink; not thread-safe.
 */
public final class TrackDelivery {
  /** One serialized envelope with the id queries de-duplicate on. */
  public record Item(String itemId, byte[] json) {}

  /** An item the service refused for good, with its answer. */
  public record Rejected(String itemId, int statusCode, String message) {}

  /** What happened to one {@link #deliver} call. */
  public record Report(
      int accepted, List<Rejected> rejected, int retries, int throttled, long bytesSent) {}

  /** Waits between attempts; tests replace it to run without sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final IngestionClient client;
  private final int maxBatchItems;
  private final int maxBatchBytes;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Random random;
  private final Sleeper sleeper;

  private TrackDelivery(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client");
    this.maxBatchItems = b.maxBatchItems;
    this.maxBatchBytes = b.maxBatchBytes;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.random = b.random;
    this.sleeper = b.sleeper;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int maxBatchItems() {
    return maxBatchItems;
  }

  public int maxBatchBytes() {
    return maxBatchBytes;
  }

  /**
   * Delivers all items or throws. Accepted and rejected items are final; on a {@link
   * DeliveryException} the rest were not delivered (some may have been, which ids make harmless).
   */
  public Report deliver(List<Item> items) {
    Tally tally = new Tally();
    List<Item> batch = new ArrayList<>();
    long bytes = 0;
    for (Item item : items) {
      if (!batch.isEmpty()
          && (batch.size() >= maxBatchItems || bytes + item.json().length > maxBatchBytes)) {
        sendBatch(batch, tally);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(item);
      bytes += item.json().length + 1;
    }
    if (!batch.isEmpty()) {
      sendBatch(batch, tally);
    }
    return new Report(
        tally.accepted, List.copyOf(tally.rejected), tally.retries, tally.throttled, tally.bytes);
  }

  private void sendBatch(List<Item> batch, Tally tally) {
    List<Item> pending = batch;
    for (int attempt = 1; ; attempt++) {
      byte[] body = gzip(pending);
      tally.bytes += body.length;
      TrackResponse r;
      Duration wait;
      String problem;
      try {
        r = client.send(body);
      } catch (IOException e) {
        problem = "no answer (" + e.getMessage() + ")";
        wait = backoff(attempt);
        pending = retryOrFail(pending, attempt, problem, wait, tally, e);
        continue;
      }
      int s = r.statusCode();
      if (s == 200) {
        tally.accepted += pending.size();
        return;
      }
      if (s == 206 || (s == 400 && !r.errors().isEmpty())) {
        pending = partial(pending, r, tally);
        if (pending.isEmpty()) {
          return;
        }
        problem = "partial success, " + pending.size() + " items to resend";
        wait = backoff(attempt);
      } else if (s == 400) {
        for (Item i : pending) {
          tally.rejected.add(
              new Rejected(i.itemId(), 400, "the service rejected the whole request (HTTP 400)"));
        }
        return;
      } else if (s == 402) {
        throw new DeliveryException(
            "Application Insights daily cap reached (HTTP 402): "
                + pending.size()
                + " items kept for redelivery",
            pending.size(),
            true,
            null);
      } else if (s == 429 || s == 503) {
        tally.throttled++;
        problem = "throttled (HTTP " + s + ")";
        wait = r.retryAfter() != null ? r.retryAfter() : backoff(attempt);
        if (wait.compareTo(maxRetryAfter) > 0) {
          throw new DeliveryException(
              problem + ", Retry-After " + wait.toSeconds() + " s is longer than this run may wait",
              pending.size(),
              false,
              null);
        }
      } else if (TrackResponse.retriable(s)) {
        problem = "HTTP " + s;
        wait = backoff(attempt);
      } else {
        throw new DeliveryException(
            "Application Insights answered HTTP "
                + s
                + " (check the connection string and the identity's"
                + " Monitoring Metrics Publisher role)",
            pending.size(),
            false,
            null);
      }
      pending = retryOrFail(pending, attempt, problem, wait, tally, null);
    }
  }

  private List<Item> retryOrFail(
      List<Item> pending,
      int attempt,
      String problem,
      Duration wait,
      Tally tally,
      Throwable cause) {
    if (attempt >= maxAttempts) {
      throw new DeliveryException(
          "gave up after "
              + attempt
              + " attempts: "
              + problem
              + "; "
              + pending.size()
              + " items undelivered",
          pending.size(),
          false,
          cause);
    }
    tally.retries++;
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while waiting to retry", pending.size(), false, e);
    }
    return pending;
  }

  /** Settles a partial answer; returns the items to send again. */
  private static List<Item> partial(List<Item> sent, TrackResponse r, Tally tally) {
    List<Item> again = new ArrayList<>();
    Set<Integer> mentioned = new HashSet<>();
    for (TrackResponse.ItemError e : r.errors()) {
      if (e.index() < 0 || e.index() >= sent.size() || !mentioned.add(e.index())) {
        continue;
      }
      Item item = sent.get(e.index());
      if (e.retriable()) {
        again.add(item);
      } else {
        tally.rejected.add(new Rejected(item.itemId(), e.statusCode(), e.message()));
      }
    }
    tally.accepted += sent.size() - mentioned.size();
    return again;
  }

  private Duration backoff(int attempt) {
    long cap =
        Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
    // "Full jitter": spread retries of many instances over the whole interval.
    return Duration.ofMillis(cap / 2 + (long) (random.nextDouble() * (cap / 2.0)));
  }

  static byte[] gzip(List<Item> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      for (Item i : items) {
        gz.write(i.json());
        gz.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static final class Tally {
    int accepted;
    final List<Rejected> rejected = new ArrayList<>();
    int retries;
    int throttled;
    long bytes;
  }

  /** Defaults follow the service's limits and the Functions time budget. */
  public static final class Builder {
    private IngestionClient client;
    private int maxBatchItems = 500;
    private int maxBatchBytes = 2 << 20;
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Random random = new Random();
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    public Builder client(IngestionClient client) {
      this.client = client;
      return this;
    }

    public Builder maxBatchItems(int n) {
      this.maxBatchItems = n;
      return this;
    }

    public Builder maxBatchBytes(int n) {
      this.maxBatchBytes = n;
      return this;
    }

    public Builder maxAttempts(int n) {
      this.maxAttempts = n;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** The longest Retry-After this process waits before giving the batch back for redelivery. */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = d;
      return this;
    }

    public Builder random(Random random) {
      this.random = random;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public TrackDelivery build() {
      return new TrackDelivery(this);
    }
  }
}
