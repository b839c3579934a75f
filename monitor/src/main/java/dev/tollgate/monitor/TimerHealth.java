package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher;
import dev.tollgate.core.model.ItemIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code TollgatePipelineHealth} event every timer sends at the end of each run, with {@code
 * tollgate.source = timer:<name>}, so an alert can fire when a timer stops running ({@code
 * queries/alert-timer-stopped.kql}).
 */
public final class TimerHealth {
  public static final String EVENT = "TollgatePipelineHealth";

  private TimerHealth() {}

  /** The source a timer's health events carry. */
  public static String source(String timer) {
    return "timer:" + timer;
  }

  /**
   * @param values the run's figures (names as in the README), strings or numbers
   */
  public static AppInsightsPublisher.Event event(
      String timer, Instant now, String runId, Map<String, ?> values) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("tollgate.source", source(timer));
    values.forEach(
        (k, v) -> {
          if (v != null) {
            props.put(k, v.toString());
          }
        });
    String id = "health:h" + ItemIds.hash(source(timer), runId, now.toString());
    return new AppInsightsPublisher.Event(EVENT, now, props, id);
  }
}
