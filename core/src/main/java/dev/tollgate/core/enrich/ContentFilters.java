package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Collects the content-filter categories that fired, as {@code prompt.hate}, {@code
 * completion.violence}.
 */
final class ContentFilters {
  private ContentFilters() {}

  /**
   * Adds every category of a {@code content_filter_results} object that was filtered or detected.
   */
  static void collect(JsonNode results, String side, Set<String> out) {
    if (results == null || !results.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = results.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.path("filtered").asBoolean(false) || v.path("detected").asBoolean(false)) {
        out.add(side + "." + e.getKey());
      }
    }
  }

  /**
   * {@code prompt_filter_results[].content_filter_results} (also the older {@code
   * prompt_annotations}).
   */
  static void collectPrompt(JsonNode body, Set<String> out) {
    for (String name : new String[] {"prompt_filter_results", "prompt_annotations"}) {
      JsonNode list = body.get(name);
      if (list != null && list.isArray()) {
        for (JsonNode p : list) {
          collect(p.get("content_filter_results"), "prompt", out);
        }
      }
    }
  }

  /** {@code choices[].content_filter_results}. */
  static void collectCompletion(JsonNode choices, Set<String> out) {
    if (choices != null && choices.isArray()) {
      for (JsonNode c : choices) {
        collect(c.get("content_filter_results"), "completion", out);
      }
    }
  }
}
