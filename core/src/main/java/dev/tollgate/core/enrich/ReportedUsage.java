package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code usage} object strictly. A count is a whole, non-negative number, or a string that
 * holds one ({@code "12"}, {@code 12.0}); anything else (-3, 12.5, "abc", 1e20, an object) makes
 * the whole usage implausible, with what was claimed kept. Rounding or dropping a bad count would
 * price a call on a number nobody reported.
 */
final class ReportedUsage {
  /** A claimed value is quoted up to this many characters: a record is not a place for a blob. */
  private static final int MAX_QUOTED = 40;

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final List<String> problems = new ArrayList<>();

  private ReportedUsage() {}

  /** Chat Completions ({@code prompt_/completion_tokens}) and Responses API names alike. */
  static TokenUsage read(JsonNode u) {
    ReportedUsage r = new ReportedUsage();
    Long input = r.first(u, "prompt_tokens", "input_tokens");
    Long output = r.first(u, "completion_tokens", "output_tokens");
    Long cached =
        r.firstNested(u, "prompt_tokens_details", "input_tokens_details", "cached_tokens");
    Long reasoning =
        r.firstNested(u, "completion_tokens_details", "output_tokens_details", "reasoning_tokens");
    if (!r.problems.isEmpty()) {
      return TokenUsage.implausible(UsageSource.REPORTED, String.join("; ", r.problems));
    }
    if (input == null && output == null) {
      return null;
    }
    return new TokenUsage(input, output, cached, reasoning, UsageSource.REPORTED);
  }

  private Long first(JsonNode n, String a, String b) {
    JsonNode v = Json.field(n, a);
    return v != null ? count(v, a) : count(Json.field(n, b), b);
  }

  private Long firstNested(JsonNode n, String a, String b, String field) {
    JsonNode v = Json.field(Json.field(n, a), field);
    return v != null
        ? count(v, a + "." + field)
        : count(Json.field(Json.field(n, b), field), b + "." + field);
  }

  private Long count(JsonNode v, String name) {
    if (v == null) {
      return null;
    }
    BigDecimal d;
    try {
      if (v.isNumber()) {
        d = v.decimalValue(); // an infinite double throws
      } else if (v.isTextual()) {
        d = new BigDecimal(v.asText().strip());
      } else {
        return problem(name, v, "is not a number");
      }
    } catch (NumberFormatException e) {
      return problem(name, v, "is not a number");
    }
    if (d.signum() < 0) {
      return problem(name, v, "is negative");
    }
    if (d.stripTrailingZeros().scale() > 0) {
      return problem(name, v, "is not a whole number");
    }
    if (d.compareTo(LONG_MAX) > 0) {
      return problem(name, v, "is beyond any token count");
    }
    return d.longValueExact();
  }

  private Long problem(String name, JsonNode v, String why) {
    String claimed = v.toString();
    if (claimed.length() > MAX_QUOTED) {
      claimed = claimed.substring(0, MAX_QUOTED) + "...";
    }
    problems.add(name + "=" + claimed + " " + why);
    return null;
  }
}
