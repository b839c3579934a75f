package dev.tollgate.reports;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code TollgateCostReport} custom event as plain values, for the component that sends it to
 * Application Insights: its name, its time, and its dimensions in a stable order (see {@link
 * CostReport#eventProperties()}).
 */
public record CostReportEvent(String name, Instant time, Map<String, String> properties) {
  public CostReportEvent {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }
}
