package dev.tollgate.appinsights;

import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.LlmRequest;
import java.util.Locale;

/**
 * Which LLM requests become {@code LlmRequest} custom events ({@code TOLLGATE_EVENTS}): {@code all}
 * (default), {@code errors}, {@code sampled:N} (N percent) or {@code off}. Metrics are always
 * computed from every request, whatever the mode.
 *
 * @param percent share kept when sampling, 0-100
 */
public record EventMode(Kind kind, int percent) {
  /** The modes. */
  public enum Kind {
    ALL,
    ERRORS,
    SAMPLED,
    OFF
  }

  public static final EventMode ALL = new EventMode(Kind.ALL, 100);

  public static EventMode parse(String s) {
    if (s == null || s.isBlank()) {
      return ALL;
    }
    String v = s.strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "all":
        return ALL;
      case "errors":
        return new EventMode(Kind.ERRORS, 100);
      case "off":
        return new EventMode(Kind.OFF, 0);
      default:
        break;
    }
    if (v.startsWith("sampled:")) {
      try {
        int p = Integer.parseInt(v.substring("sampled:".length()).strip());
        if (p >= 0 && p <= 100) {
          return new EventMode(Kind.SAMPLED, p);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "TOLLGATE_EVENTS must be all, errors, sampled:N (0-100) or off, not '" + s + "'");
  }

  /**
   * Whether this request becomes an event. Sampling hashes the item id, so a redelivered batch
   * samples the same requests.
   */
  public boolean selects(LlmRequest r) {
    if (!r.route().llm()) {
      // an account's audit (ListKey, RegenerateKey) is a security signal: always an event
      return kind != Kind.OFF && "Audit".equalsIgnoreCase(r.origin().category());
    }
    return switch (kind) {
      case ALL -> true;
      case OFF -> false;
      case ERRORS -> r.outcome().errorType() != null;
      case SAMPLED -> bucket(r.origin().itemId()) < percent;
    };
  }

  /** The App Insights sample rate (percent) to stamp, so item counts extrapolate correctly. */
  public double sampleRate() {
    return kind == Kind.SAMPLED ? Math.max(percent, 1) : 100.0;
  }

  static int bucket(String itemId) {
    return Integer.parseInt(ItemIds.hash(itemId).substring(0, 4), 16) % 100;
  }
}
