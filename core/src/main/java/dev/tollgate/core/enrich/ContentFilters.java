package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects the content-filter categories that fired, as {@code prompt.hate}, {@code
 * completion.protected_material_code} or, naming the list, {@code prompt.custom_blocklists:pizza}.
 *
 * <p>A category fired when it was filtered or detected; a severity alone ({@code filtered: false,
 * severity: high}: annotate mode) does not count. Blocklists come in two shapes: a list of {@code
 * {id, filtered}} (older API versions) or {@code {filtered, details: [{id, filtered}]}}; custom
 * topics use the second one too.
 */
final class ContentFilters {
  /** Between a category and the id that fired; Azure blocklist names cannot contain it. */
  static final String ID_SEPARATOR = ":";

  /** The service said a filter fired but not which (a 400 without innererror, a cut body). */
  static final String UNSPECIFIED = "unspecified";

  static final String PROMPT = "prompt";
  static final String COMPLETION = "completion";

  private ContentFilters() {}

  /** Adds every category of a {@code content_filter_results} object that fired. */
  static void collect(JsonNode results, String side, Set<String> out) {
    if (results == null || !results.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = results.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = side + "." + category(e.getKey());
      JsonNode v = e.getValue();
      if (v.isArray()) {
        addFired(name, false, v, out);
      } else if (v.isObject()) {
        addFired(name, fired(v), v.get("details"), out);
      }
    }
  }

  /**
   * Adds {@code name:id} for each detail that fired with an id; {@code name} alone when the
   * category fired (or a detail without an id did) and no id says which.
   */
  private static void addFired(String name, boolean fired, JsonNode details, Set<String> out) {
    boolean named = false;
    if (details != null && details.isArray()) {
      for (JsonNode d : details) {
        if (fired(d)) {
          String id = Json.text(d, "id");
          if (id != null) {
            out.add(name + ID_SEPARATOR + id.strip());
            named = true;
          } else {
            fired = true;
          }
        }
      }
    }
    if (fired && !named) {
      out.add(name);
    }
  }

  /** {@code filtered} or {@code detected} is true (a boolean or the string "true"). */
  private static boolean fired(JsonNode n) {
    return Boolean.TRUE.equals(Json.bool(n, "filtered"))
        || Boolean.TRUE.equals(Json.bool(n, "detected"));
  }

  /** Lower case with underscores: an older docs sample spells {@code self-harm}. */
  private static String category(String key) {
    return key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** The results object of a prompt, a choice or an innererror, under either spelling. */
  private static JsonNode results(JsonNode n) {
    JsonNode r = Json.field(n, "content_filter_results");
    return r != null ? r : Json.field(n, "content_filter_result");
  }

  /**
   * {@code prompt_filter_results[].content_filter_results} (also the older {@code
   * prompt_annotations}; a single object instead of a list is read too).
   */
  static void collectPrompt(JsonNode body, Set<String> out) {
    for (String name : new String[] {"prompt_filter_results", "prompt_annotations"}) {
      JsonNode list = body.get(name);
      if (list != null && list.isArray()) {
        for (JsonNode p : list) {
          collect(results(p), PROMPT, out);
        }
      } else if (list != null && list.isObject()) {
        collect(results(list), PROMPT, out);
      }
    }
  }

  /** {@code choices[].content_filter_results}, streamed annotation chunks included. */
  static void collectCompletion(JsonNode choices, Set<String> out) {
    if (choices != null && choices.isArray()) {
      for (JsonNode c : choices) {
        collect(results(c), COMPLETION, out);
      }
    }
  }

  /** A 400's {@code innererror.content_filter_result}: the prompt was blocked. */
  static void collectError(JsonNode error, Set<String> out) {
    collect(results(Json.field(error, "innererror")), PROMPT, out);
  }

  /**
   * Records that a filter fired on a side when the outcome says so ({@code content_filter} error,
   * finish reason) but no category of that side was readable.
   */
  static void markUnspecified(boolean firedOn, String side, Set<String> out) {
    if (firedOn && out.stream().noneMatch(c -> c.startsWith(side + "."))) {
      out.add(side + "." + UNSPECIFIED);
    }
  }
}
