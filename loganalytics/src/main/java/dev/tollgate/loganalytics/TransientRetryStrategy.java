package dev.tollgate.loganalytics;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.util.Set;

/**
 * The SDK's exponential back-off for transient failures, minus the answers the caller handles
 * itself (429 with its Retry-After, and for some clients time-outs). Shared by the Azure Monitor
 * clients (logs, metrics, ARM).
 */
public final class TransientRetryStrategy implements RetryStrategy {
  private final ExponentialBackoff backoff;
  private final Set<Integer> notRetried;
  private final boolean retryTimeouts;

  /**
   * @param notRetried status codes left to the caller (e.g. 429)
   * @param retryTimeouts whether a client-side time-out is retried
   */
  public TransientRetryStrategy(
      int retries, Duration delay, Set<Integer> notRetried, boolean retryTimeouts) {
    this.backoff =
        new ExponentialBackoff(
            retries, delay.isZero() ? Duration.ofMillis(1) : delay, Duration.ofSeconds(30));
    this.notRetried = Set.copyOf(notRetried);
    this.retryTimeouts = retryTimeouts;
  }

  @Override
  public int getMaxRetries() {
    return backoff.getMaxRetries();
  }

  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    return backoff.calculateRetryDelay(retryAttempts);
  }

  @Override
  public boolean shouldRetryCondition(RequestRetryCondition condition) {
    HttpResponse r = condition.getResponse();
    if (r != null && notRetried.contains(r.getStatusCode())) {
      return false;
    }
    if (!retryTimeouts
        && condition.getThrowable() != null
        && AzureLogsQuery.isTimeout(condition.getThrowable())) {
      return false;
    }
    return backoff.shouldRetryCondition(condition);
  }
}
