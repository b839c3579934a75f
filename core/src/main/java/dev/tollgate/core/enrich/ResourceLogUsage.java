package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.parse.GatewayRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token counts in a resource log's {@code properties}, read leniently: Microsoft publishes no
 * schema for {@code AzureOpenAIRequestUsage}, and some tenants see counts on {@code
 * RequestResponse} too. A count is a whole non-negative number, a numeric string, or a one-element
 * array of one; anything else is not guessed at but named in {@link Result#unmapped}.
 */
final class ResourceLogUsage {
  /** The usage found (null when none) and the property names that were not understood. */
  record Result(TokenUsage usage, List<String> unmapped) {}

  private static final List<String> INPUT =
      List.of("promptTokens", "inputTokens", "prompt_tokens", "input_tokens");
  private static final List<String> OUTPUT =
      List.of(
          "completionTokens",
          "generatedTokens",
          "outputTokens",
          "completion_tokens",
          "output_tokens");
  private static final List<String> CACHED = List.of("cachedTokens", "cached_tokens");
  private static final List<String> REASONING = List.of("reasoningTokens", "reasoning_tokens");

  /** Properties the enricher reads, or knows to carry nothing to map (lower case). */
  private static final Set<String> KNOWN =
      Set.of(
          "apiname",
          "requesttime",
          "responsetime",
          "requestlength",
          "responselength",
          "objectid",
          "callerobjectid",
          "streamtype",
          "modeldeploymentname",
          "modelname",
          "modelversion",
          "totaltokens",
          "total_tokens");

  private ResourceLogUsage() {}

  static Result read(GatewayRecord r) {
    List<String> unmapped = new ArrayList<>();
    Long input = count(r, INPUT, unmapped);
    Long output = count(r, OUTPUT, unmapped);
    Long cached = count(r, CACHED, unmapped);
    Long reasoning = count(r, REASONING, unmapped);
    for (String name : r.propNames()) {
      if (!KNOWN.contains(name.toLowerCase(Locale.ROOT)) && !isTokenName(name)) {
        unmapped.add(name);
      }
    }
    if (input == null && output == null) {
      // cached or reasoning counts alone price nothing: say so rather than price a part
      if (cached != null) {
        unmapped.add(CACHED.get(0));
      }
      if (reasoning != null) {
        unmapped.add(REASONING.get(0));
      }
      return new Result(null, List.copyOf(unmapped));
    }
    return new Result(
        new TokenUsage(input, output, cached, reasoning, UsageSource.REPORTED),
        List.copyOf(unmapped));
  }

  private static boolean isTokenName(String name) {
    for (List<String> names : List.of(INPUT, OUTPUT, CACHED, REASONING)) {
      for (String n : names) {
        if (n.equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first of the names present; a present but unreadable value is named as unmapped. */
  private static Long count(GatewayRecord r, List<String> names, List<String> unmapped) {
    for (String name : names) {
      JsonNode v = r.propNode(name);
      if (v == null) {
        continue;
      }
      if (v.isArray() && v.size() == 1) {
        v = v.get(0);
      }
      Long n = wholeNonNegative(v);
      if (n == null) {
        unmapped.add(name);
      }
      return n;
    }
    return null;
  }

  private static Long wholeNonNegative(JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong() < 0 ? null : v.asLong();
    }
    if (v.isTextual() && v.asText().strip().matches("\\d{1,18}")) {
      return Long.parseLong(v.asText().strip());
    }
    return null;
  }
}
