package dev.tollgate.core.price;

import dev.tollgate.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The most tokens one call to a model can take in and give out. Usage beyond them cannot be right
 * (a counter overflow, a corrupt log, a forged body) and is never priced. Limits are per model
 * family, the largest of its versions: the check is there to catch the impossible, not to police
 * the merely unusual.
 *
 * @param model the model the limits are for, as named in messages
 * @param contextWindow the most input (cached input included) one call can carry
 * @param maxOutputTokens the most output (reasoning included) one call can produce
 * @param known whether the catalog lists the model; else the limits are the fixed {@link #CEILING}
 */
public record ModelLimits(String model, long contextWindow, long maxOutputTokens, boolean known) {

  /** Per-call ceiling for a model the catalog has no limits for: more than any model takes. */
  public static final long CEILING = 10_000_000L;

  static ModelLimits unknown(String model) {
    return new ModelLimits(model, CEILING, CEILING, false);
  }

  /** Why the usage cannot be right for this model, or null when it can. */
  public String violation(TokenUsage u) {
    List<String> out = new ArrayList<>();
    over(out, "input_tokens", u.inputTokens(), contextWindow, "context window");
    over(out, "cached_input_tokens", u.cachedInputTokens(), contextWindow, "context window");
    over(out, "output_tokens", u.outputTokens(), maxOutputTokens, "output limit");
    over(out, "reasoning_tokens", u.reasoningTokens(), maxOutputTokens, "output limit");
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private void over(List<String> out, String name, Long v, long limit, String what) {
    if (v != null && v > limit) {
      out.add(
          known
              ? name + "=" + v + " exceeds the " + what + " of " + model + " (" + limit + ")"
              : name
                  + "="
                  + v
                  + " exceeds "
                  + limit
                  + ", the ceiling for a model without known limits ("
                  + model
                  + ")");
    }
  }
}
