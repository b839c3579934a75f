package dev.tollgate.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls an Azure OpenAI account logged itself (its {@code RequestResponse} resource log) against
 * the calls APIM passed to it (GatewayLogs records), per account and deployment over the report's
 * days: the difference, taken per 1-minute window (Tollgate's own) and summed, is traffic that
 * bypassed the gateway. Per window so that gateway calls in hours the account did not log cannot
 * hide bypass in hours it did; 5 minutes, not 1, because the two logs stamp the same call a little
 * apart. Only accounts that logged calls get rows, so a report without resource logs has none.
 * Memory: one counter pair per deployment and window.
 */
final class GatewayBypass {
  private static final class Counts {
    String accountName;
    String gatewayName;
    long account;
    long gateway;
    final Map<Long, long[]> windows = new HashMap<>();

    void add(long window, int side) {
      windows.computeIfAbsent(window, w -> new long[2])[side]++;
    }
  }

  private static final long WINDOW_SECONDS = 60;

  /** Keyed by account, then deployment in lower case (Azure matches deployment names so). */
  private final Map<String, Map<String, Counts>> byAccount = new HashMap<>();

  /** Gateway calls whose backend host named no account, by deployment in lower case. */
  private final Map<String, Map<Long, Long>> withoutAccount = new HashMap<>();

  private static long window(UsageRecord r) {
    return r.time() == null ? -1 : Math.floorDiv(r.time().getEpochSecond(), WINDOW_SECONDS);
  }

  void account(UsageRecord r) {
    if (r.account() == null) {
      return;
    }
    Counts c = counts(r.account(), r.deployment());
    c.account++;
    c.add(window(r), 0);
    if (c.accountName == null) {
      c.accountName = r.deployment();
    }
  }

  void gateway(UsageRecord r) {
    if (r.account() == null) {
      withoutAccount
          .computeIfAbsent(key(r.deployment()), d -> new HashMap<>())
          .merge(window(r), 1L, Long::sum);
      return;
    }
    Counts c = counts(r.account(), r.deployment());
    c.gateway++;
    c.add(window(r), 1);
    if (c.gatewayName == null) {
      c.gatewayName = r.deployment();
    }
  }

  private Counts counts(String account, String deployment) {
    return byAccount
        .computeIfAbsent(account, a -> new HashMap<>())
        .computeIfAbsent(key(deployment), d -> new Counts());
  }

  private static String key(String deployment) {
    return deployment.toLowerCase(Locale.ROOT);
  }

  /** Most bypassing calls first; accounts that logged no call are left out. */
  List<BypassedDeployment> rows() {
    Map<String, Set<String>> accountsOf = new HashMap<>();
    Set<String> logging = new HashSet<>();
    byAccount.forEach(
        (account, deployments) ->
            deployments.forEach(
                (d, c) -> {
                  if (c.account > 0) {
                    logging.add(account);
                    accountsOf.computeIfAbsent(d, k -> new HashSet<>()).add(account);
                  }
                }));
    List<BypassedDeployment> rows = new ArrayList<>();
    for (String account : logging) {
      byAccount
          .get(account)
          .forEach(
              (d, c) -> {
                // A gateway call without an account counts for the one account logging d.
                Set<String> owners = accountsOf.getOrDefault(d, Set.of());
                Map<Long, Long> unattributed =
                    owners.size() == 1 && owners.contains(account)
                        ? withoutAccount.getOrDefault(d, Map.of())
                        : Map.of();
                long gateway = c.gateway;
                long bypass = 0;
                for (Map.Entry<Long, long[]> w : c.windows.entrySet()) {
                  long extra = unattributed.getOrDefault(w.getKey(), 0L);
                  gateway += extra;
                  bypass += Math.max(0, w.getValue()[0] - w.getValue()[1] - extra);
                }
                for (Map.Entry<Long, Long> w : unattributed.entrySet()) {
                  gateway += c.windows.containsKey(w.getKey()) ? 0 : w.getValue();
                }
                rows.add(
                    new BypassedDeployment(
                        account,
                        c.accountName != null ? c.accountName : c.gatewayName,
                        c.account,
                        gateway,
                        bypass,
                        c.account == 0 ? null : Numbers.share(bypass, c.account)));
              });
    }
    rows.sort(
        Comparator.comparingLong(BypassedDeployment::bypassRequests)
            .reversed()
            .thenComparing(BypassedDeployment::account)
            .thenComparing(BypassedDeployment::deployment));
    return rows;
  }
}
