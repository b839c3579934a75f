package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.testing.ApimRecord;
import dev.tollgate.core.testing.Resources;
import dev.tollgate.core.testing.Runs;
import dev.tollgate.core.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every published content-filter shape (Microsoft's samples in src/test/resources/reference, see
 * SOURCES.md there), read from response bodies and, end to end, into {@code
 * tollgate.content_filter}, {@code error.type} and the aggregates' {@code content_filter.requests}.
 */
class ContentFiltersTest {
  static final String DOCS = "reference/microsoft-docs/";
  static final String BLOCKLIST_400 = DOCS + "azure-openai-blocklist-prompt-400.json";
  static final String BLOCKLIST_COMPLETION = DOCS + "azure-openai-blocklist-completion.json";
  static final String STREAM_PASSES = DOCS + "azure-openai-async-filter-stream-passes.txt";
  static final String STREAM_BLOCKED = DOCS + "azure-openai-async-filter-stream-blocked.txt";
  static final String CHAT =
      "/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21";

  static List<String> fired(String body) {
    return new ArrayList<>(ResponseFacts.read(body).contentFilter);
  }

  static Runs.Result run(String responseBody, int status) {
    return Runs.one(
        ApimRecord.call(CHAT, Samples.chatExampleRequest(), responseBody, status).node());
  }

  static List<String> lineCategories(Runs.Result result) {
    List<String> out = new ArrayList<>();
    result
        .sink()
        .onlyRequestLine()
        .get("tollgate.content_filter")
        .forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The bug: a blocklist 400 came out with no category; the list that fired is named. */
  @Test
  void blocklistHitInA400NamesTheListThatFired() {
    Runs.Result result = run(Resources.text(BLOCKLIST_400), 400);

    assertThat(lineCategories(result)).containsExactly("prompt.custom_blocklists:pizza");
    ObjectNode line = result.sink().onlyRequestLine();
    assertThat(line.get("error.type").asText()).isEqualTo("content_filter");
    assertThat(result.sink().aggregateLines).hasSize(1);
    assertThat(result.sink().aggregateLines.get(0).get("content_filter.requests").asLong())
        .isEqualTo(1);
  }

  /** Older API versions: {@code custom_blocklists} is a list of {@code {filtered, id}}. */
  @Test
  void blocklistListOnAChoiceNamesTheList() {
    Runs.Result result = run(Resources.text(BLOCKLIST_COMPLETION), 200);

    assertThat(lineCategories(result))
        .containsExactly("completion.custom_blocklists:myBlocklistName");
    assertThat(result.sink().onlyRequestLine().get("error.type").asText())
        .isEqualTo("content_filter");
  }

  @Test
  void blocklistShapesWithAndWithoutIds() {
    String body =
        "{\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{"
            // list form: one entry fired, one did not, one fired without an id
            + "\"custom_blocklists\":[{\"filtered\":false,\"id\":\"quiet\"},"
            + "{\"filtered\":true,\"id\":\"Competitors.v2\"},{\"filtered\":true}],"
            // object form: details name the topic that fired
            + "\"custom_topics\":{\"filtered\":true,\"details\":[{\"filtered\":false,\"id\":\"a\"},"
            + "{\"filtered\":true,\"id\":\"b\"}]}}},"
            + "{\"prompt_index\":1,\"content_filter_results\":{"
            // object form, fired, but no detail says which list
            + "\"custom_blocklists\":{\"filtered\":true,\"details\":[{\"filtered\":true}]}}},"
            + "{\"prompt_index\":2,\"content_filter_results\":{"
            // nothing fired: an empty list, details that did not fire
            + "\"custom_blocklists\":[],"
            + "\"custom_topics\":{\"filtered\":false,\"details\":[{\"filtered\":false,\"id\":\"c\"}]}}}]}";

    assertThat(fired(body))
        .containsExactlyInAnyOrder(
            "prompt.custom_blocklists:Competitors.v2",
            "prompt.custom_blocklists",
            "prompt.custom_topics:b");
  }

  /** Detection categories fire on {@code detected} alone (annotate mode) or when filtered. */
  @Test
  void detectionCategoriesOfPromptAndChoiceAreNamed() {
    ObjectNode body = Resources.object(Samples.CONTENT_FILTER_ANNOTATIONS);
    ObjectNode prompt = (ObjectNode) body.at("/prompt_filter_results/0/content_filter_results");
    ((ObjectNode) prompt.get("jailbreak")).put("detected", true);
    ((ObjectNode) prompt.get("profanity")).put("filtered", true);
    prompt.putObject("indirect_attack").put("detected", true).put("filtered", false);
    ObjectNode choice = (ObjectNode) body.at("/choices/0/content_filter_results");
    ((ObjectNode) choice.get("protected_material_text")).put("detected", true);
    // groundedness, annotate mode: details are text spans, not ids
    choice
        .putObject("ungrounded_material")
        .put("detected", true)
        .put("filtered", false)
        .putArray("details")
        .addObject()
        .put("completion_end_offset", 127)
        .put("completion_start_offset", 27);

    // protected_material_code (with its citation) is detected in the docs sample as published
    assertThat(fired(body.toString()))
        .containsExactlyInAnyOrder(
            "prompt.jailbreak",
            "prompt.profanity",
            "prompt.indirect_attack",
            "completion.protected_material_code",
            "completion.protected_material_text",
            "completion.ungrounded_material");
  }

  /** Annotate mode reports a severity without filtering: that is not a filter that fired. */
  @Test
  void severityWithoutFilteredDoesNotCount() {
    String body =
        "{\"choices\":[{\"finish_reason\":\"stop\",\"content_filter_results\":{"
            + "\"hate\":{\"filtered\":false,\"severity\":\"high\"},"
            + "\"violence\":{\"filtered\":\"false\",\"severity\":\"medium\"},"
            + "\"sexual\":{\"severity\":\"high\"},"
            + "\"self_harm\":{\"filtered\":true,\"severity\":\"high\"}}}]}";

    assertThat(fired(body)).containsExactly("completion.self_harm");
  }

  @Test
  void booleansWrittenAsStringsCount() {
    String body =
        "{\"prompt_filter_results\":[{\"content_filter_results\":{"
            + "\"jailbreak\":{\"filtered\":\"false\",\"detected\":\"TRUE\"},"
            + "\"violence\":{\"filtered\":\" true \",\"severity\":\"high\"},"
            + "\"hate\":{\"filtered\":\"no\",\"severity\":\"high\"},"
            + "\"custom_blocklists\":[{\"filtered\":\"true\",\"id\":\"list-1\"}]}}]}";

    assertThat(fired(body))
        .containsExactly("prompt.jailbreak", "prompt.violence", "prompt.custom_blocklists:list-1");
  }

  /** Microsoft's async-filter stream: the annotation that blocks comes after the text. */
  @Test
  void streamBlockedByALateAnnotationChunk() {
    Runs.Result result = run(Resources.text(STREAM_BLOCKED), 200);

    assertThat(lineCategories(result)).containsExactly("completion.protected_material_text");
    assertThat(result.sink().onlyRequestLine().get("error.type").asText())
        .isEqualTo("content_filter");
    // the same stream as published, passing: prompt_annotations, offsets, nothing fired
    assertThat(fired(Resources.text(STREAM_PASSES))).isEmpty();
  }

  @Test
  void streamAnnotationsFromEarlyAndLateChunksAreCollected() {
    // prompt_annotations in the first chunk of Microsoft's sample stream
    String passes =
        Resources.text(STREAM_PASSES)
            .replaceFirst(
                "\"hate\":\\{\"filtered\":false,\"severity\":\"safe\"\\}",
                "\"hate\":{\"filtered\":true,\"severity\":\"medium\"}");
    assertThat(fired(passes)).containsExactly("prompt.hate");

    // semantic-kernel's stream: an async-filter chunk after finish_reason, next to its offsets
    String late =
        Samples.asyncFilterStream()
            .replace(
                "\"protected_material_code\":{\"filtered\":false,\"detected\":false}",
                "\"protected_material_code\":{\"filtered\":false,\"detected\":true}")
            .replace(
                "\"jailbreak\":{\"filtered\":false,\"detected\":false}",
                "\"jailbreak\":{\"filtered\":false,\"detected\":true}");
    assertThat(fired(late))
        .containsExactly("prompt.jailbreak", "completion.protected_material_code");
  }

  /** The 400 as published in several spellings: singular, plural, unwrapped, {@code self-harm}. */
  @Test
  void innerErrorOfA400InEverySpelling() {
    String singular = Samples.body("content-filter-400.json");
    assertThat(fired(singular)).containsExactly("prompt.jailbreak", "prompt.violence");

    String plural = singular.replace("\"content_filter_result\"", "\"content_filter_results\"");
    assertThat(fired(plural)).containsExactly("prompt.jailbreak", "prompt.violence");

    ObjectNode wrapped = (ObjectNode) Resources.parse(singular);
    String unwrapped = wrapped.get("error").toString();
    ResponseFacts f = ResponseFacts.read(unwrapped);
    assertThat(f.contentFilter).containsExactly("prompt.jailbreak", "prompt.violence");
    assertThat(f.errorCode).isEqualTo("content_filter");

    String hyphen =
        "{\"error\":{\"code\":\"content_filter\",\"status\":400,\"innererror\":{"
            + "\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_results\":{"
            + "\"self-harm\":{\"filtered\":true,\"severity\":\"high\"}}}}}";
    assertThat(fired(hyphen)).containsExactly("prompt.self_harm");
  }

  /** When the service says a filter fired but not which, the record still says so. */
  @Test
  void filterThatFiredWithoutACategoryIsUnspecified() {
    // the docs' 400 without innererror
    Runs.Result blocked =
        run(
            "{\"error\":{\"message\":\"The response was filtered\",\"type\":null,"
                + "\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400}}",
            400);
    assertThat(lineCategories(blocked)).containsExactly("prompt.unspecified");
    assertThat(blocked.sink().onlyRequestLine().get("error.type").asText())
        .isEqualTo("content_filter");

    // image generation spells the code contentFilter
    ResponseFacts image =
        ResponseFacts.read(
            "{\"created\":1698435368,\"error\":{\"code\":\"contentFilter\","
                + "\"message\":\"Your task failed as a result of our safety system.\"}}");
    assertThat(image.contentFilter).containsExactly("prompt.unspecified");
    assertThat(Outcomes.isContentFilterCode(image.errorCode)).isTrue();

    // a completion stopped by the filter with no annotations (filter results off)
    assertThat(
            fired(
                "{\"choices\":[{\"index\":1,\"text\":\"returned text 2\","
                    + "\"finish_reason\":\"content_filter\"}]}"))
        .containsExactly("completion.unspecified");
    // a category that was named is enough
    assertThat(fired(Resources.text(BLOCKLIST_COMPLETION)))
        .containsExactly("completion.custom_blocklists:myBlocklistName");
  }

  /** Results missing, null, of the wrong type, or reporting that the filter did not run. */
  @Test
  void oddOrMissingResultsAreNotCategories() {
    String body =
        "{\"prompt_filter_results\":{\"content_filter_results\":{"
            + "\"jailbreak\":{\"detected\":true}}},"
            + "\"prompt_annotations\":[null,7,{\"content_filter_results\":\"hate\"},{}],"
            + "\"choices\":[{\"finish_reason\":\"stop\",\"content_filter_results\":{"
            + "\"error\":{\"code\":\"content_filter_error\",\"message\":\"The contents are not filtered\"},"
            + "\"hate\":null,\"violence\":\"filtered\",\"sexual\":[1,\"x\",null]}},"
            + "{\"finish_reason\":\"stop\",\"content_filter_results\":null},{\"finish_reason\":\"stop\"}]}";

    assertThat(fired(body)).containsExactly("prompt.jailbreak");
  }
}
