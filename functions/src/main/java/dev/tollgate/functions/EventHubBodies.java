package dev.tollgate.functions;

import dev.tollgate.core.parse.EventBody;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the Event Hubs trigger's binding data into {@link EventBody}s: message text, the partition
 * from {@code PartitionContext}, and sequence number and enqueued time from {@code
 * SystemPropertiesArray}. The Java worker hands these over as JSON-ish maps (numbers may be doubles
 * or strings, key casing varies), so every look-up is lenient; what is missing stays null, which
 * only turns off redelivery checks for that message.
 */
public final class EventHubBodies {
  private EventHubBodies() {}

  public static List<EventBody> from(
      List<String> messages,
      Map<String, Object>[] systemPropertiesArray,
      Map<String, Object> partitionContext) {
    if (messages == null || messages.isEmpty()) {
      return List.of();
    }
    String partitionId = partitionId(partitionContext);
    String hub = text(get(partitionContext, "EventHubName"));
    String source =
        "eventhub:" + (hub == null ? "?" : hub) + "/" + (partitionId == null ? "?" : partitionId);
    List<EventBody> bodies = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Map<String, Object> sys =
          systemPropertiesArray != null && i < systemPropertiesArray.length
              ? systemPropertiesArray[i]
              : null;
      Long seq = number(first(get(sys, "SequenceNumber"), get(sys, "x-opt-sequence-number")));
      Instant enqueued = time(first(get(sys, "EnqueuedTimeUtc"), get(sys, "x-opt-enqueued-time")));
      bodies.add(new EventBody(messages.get(i), partitionId, seq, enqueued, source));
    }
    return bodies;
  }

  static String partitionId(Map<String, Object> partitionContext) {
    String id = text(get(partitionContext, "PartitionId"));
    if (id == null && get(partitionContext, "RuntimeInformation") instanceof Map<?, ?> runtime) {
      id = text(getAny(runtime, "PartitionId"));
    }
    return id;
  }

  static Long number(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) ? Long.valueOf(n.longValue()) : null;
    }
    String s = text(v);
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s);
        return d == Math.rint(d) ? Long.valueOf((long) d) : null;
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
  }

  /** ISO-8601 with or without an offset (the host has sent both); no offset means UTC. */
  static Instant time(Object v) {
    String s = text(v);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  private static Object get(Map<String, Object> map, String key) {
    return map == null ? null : getAny(map, key);
  }

  private static Object getAny(Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (v != null) {
      return v;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Object first(Object a, Object b) {
    return a != null ? a : b;
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return String.valueOf(n.longValue()); // "3", not "3.0"
    }
    String s = v.toString().strip();
    return s.isEmpty() ? null : s;
  }
}
