package dev.tollgate.reports;

import java.math.BigDecimal;

/**
 * Sums over a set of LLM requests. Cost is the exact sum of the priced requests' {@code
 * tollgate.cost.usd}; tokens are sums by kind as {@code requests.jsonl} reports them (input
 * includes cached input, output includes reasoning). Rates are shares of all requests, as fractions
 * rounded to 4 decimals.
 */
public final class Totals {
  private long requests;
  private long errors;
  private long rateLimited;
  private long estimatedUsage;
  private long unpriced;
  private long provisioned;
  private long implausibleUsage;
  private long priced;
  private long inputTokens;
  private long outputTokens;
  private long cachedInputTokens;
  private long reasoningTokens;
  private BigDecimal costUsd = BigDecimal.ZERO;

  void add(UsageRecord r) {
    requests++;
    if (r.failed()) {
      errors++;
    }
    if (r.rateLimited()) {
      rateLimited++;
    }
    if (r.estimated()) {
      estimatedUsage++;
    }
    if (r.unpriced()) {
      unpriced++;
    }
    if (r.provisioned()) {
      provisioned++;
    }
    if (r.implausibleUsage()) {
      // Counted; its tokens stay out even if a writer left them on the line.
      implausibleUsage++;
    } else {
      inputTokens += r.inputTokens();
      outputTokens += r.outputTokens();
      cachedInputTokens += r.cachedInputTokens();
      reasoningTokens += r.reasoningTokens();
    }
    if (r.costUsd() != null) {
      priced++;
      costUsd = costUsd.add(r.costUsd());
    }
  }

  public long requests() {
    return requests;
  }

  /** Requests with an {@code error.type} (throttled ones included). */
  public long errors() {
    return errors;
  }

  /** Requests with {@code error.type = rate_limited} (429, or 403 from a token-quota policy). */
  public long rateLimited() {
    return rateLimited;
  }

  /** Requests whose usage was counted with a tokenizer ({@code tollgate.usage.source}). */
  public long estimatedUsage() {
    return estimatedUsage;
  }

  /** Requests the price catalog could not price ({@code unpriced_model}). */
  public long unpriced() {
    return unpriced;
  }

  /** Requests on provisioned (PTU) deployments, billed per hour and not in the cost. */
  public long provisioned() {
    return provisioned;
  }

  /** Requests whose usage no call can have ({@code implausible_usage}): not priced. */
  public long implausibleUsage() {
    return implausibleUsage;
  }

  /** Requests with a cost. */
  public long priced() {
    return priced;
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long cachedInputTokens() {
    return cachedInputTokens;
  }

  public long reasoningTokens() {
    return reasoningTokens;
  }

  /** The exact sum of the priced requests' cost, trailing zeros removed. */
  public BigDecimal costUsd() {
    return Numbers.plain(costUsd);
  }

  public BigDecimal errorRate() {
    return share(errors);
  }

  public BigDecimal throttleRate() {
    return share(rateLimited);
  }

  public BigDecimal estimatedShare() {
    return share(estimatedUsage);
  }

  private BigDecimal share(long n) {
    return Numbers.share(n, requests);
  }
}
