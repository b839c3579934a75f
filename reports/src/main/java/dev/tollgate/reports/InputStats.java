package dev.tollgate.reports;

import java.util.List;

/**
 * What was read, and what was left out of the report and why.
 *
 * @param records lines or rows read as records
 * @param malformed lines that were not JSON objects (skipped)
 * @param notLlm gateway calls that are not Azure OpenAI calls (not reported)
 * @param withoutTime LLM records without a readable time (not reported)
 * @param outsidePeriod LLM records outside the report's, the previous and the month-to-date days
 * @param duplicates records whose {@code tollgate.item_id} was already counted (redeliveries)
 * @param withoutItemId records without an item id: counted, but cannot be de-duplicated
 * @param resourceLog records of the Azure OpenAI accounts' own resource logs: never requests or
 *     cost (GatewayLogs records count those calls); their RequestResponse calls feed the gateway
 *     bypass
 * @param malformedSamples the first few malformed locations and reasons
 */
public record InputStats(
    long records,
    long malformed,
    long notLlm,
    long withoutTime,
    long outsidePeriod,
    long duplicates,
    long withoutItemId,
    long resourceLog,
    List<String> malformedSamples) {
  public InputStats {
    malformedSamples = List.copyOf(malformedSamples);
  }
}
