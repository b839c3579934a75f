package dev.tollgate.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Keeps another directory's answer for a while, so a timer that runs every minute does not list the
 * accounts through ARM every minute. A failed refresh keeps serving the last answer.
 */
public final class CachedAccounts implements AccountDirectory {
  private final AccountDirectory inner;
  private final Clock clock;
  private final Duration ttl;
  private List<Account> cached;
  private Instant until = Instant.MIN;

  public CachedAccounts(AccountDirectory inner, Clock clock, Duration ttl) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  @Override
  public synchronized List<Account> accounts() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(until)) {
      try {
        cached = List.copyOf(inner.accounts());
        until = now.plus(ttl);
      } catch (MetricsQueryException e) {
        if (cached == null) {
          throw e;
        }
      }
    }
    return cached;
  }
}
