package dev.tollgate.core.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps custom-metric time series bounded: per window and per dimension, the N values with the most
 * requests stay, the rest are folded into {@code other}. Azure Monitor limits custom-metric
 * dimension values and time series; folding keeps every total intact.
 */
public final class CardinalityGuard {
  public static final String OTHER = "other";

  private CardinalityGuard() {}

  public static List<WindowAggregate> fold(List<WindowAggregate> aggregates, int topN) {
    Map<Instant, List<WindowAggregate>> byWindow = new TreeMap<>();
    for (WindowAggregate a : aggregates) {
      byWindow.computeIfAbsent(a.key().windowStart(), k -> new ArrayList<>()).add(a);
    }
    List<WindowAggregate> out = new ArrayList<>();
    for (List<WindowAggregate> window : byWindow.values()) {
      Set<String> accounts = top(window, k -> k.account(), topN);
      Set<String> deployments = top(window, k -> k.deployment(), topN);
      Set<String> models = top(window, k -> k.model(), topN);
      Set<String> versions = top(window, k -> k.modelVersion(), topN);
      Set<String> subscriptions = top(window, k -> k.subscriptionId(), topN);
      Set<String> operations = top(window, k -> k.operation(), topN);
      Map<WindowKey, WindowAggregate> folded = new LinkedHashMap<>();
      for (WindowAggregate a : window) {
        WindowKey k = a.key();
        // the category is never folded: "other" would add the account's view to the gateway's
        WindowKey f =
            new WindowKey(
                k.windowStart(),
                k.category(),
                keep(k.account(), accounts),
                keep(k.deployment(), deployments),
                keep(k.model(), models),
                keep(k.modelVersion(), versions),
                keep(k.subscriptionId(), subscriptions),
                keep(k.operation(), operations));
        if (f.equals(k) && !folded.containsKey(f)) {
          folded.put(f, a);
        } else {
          folded.computeIfAbsent(f, WindowAggregate::new).merge(a);
        }
      }
      out.addAll(folded.values());
    }
    return out;
  }

  private static Set<String> top(
      List<WindowAggregate> window, Function<WindowKey, String> dim, int n) {
    Map<String, Long> requests = new HashMap<>();
    for (WindowAggregate a : window) {
      requests.merge(String.valueOf(dim.apply(a.key())), a.requests(), Long::sum);
    }
    return requests.entrySet().stream()
        .sorted(
            Comparator.comparing(Map.Entry<String, Long>::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(n)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static String keep(String value, Set<String> kept) {
    return kept.contains(String.valueOf(value)) ? value : OTHER;
  }
}
