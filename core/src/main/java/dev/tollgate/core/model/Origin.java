package dev.tollgate.core.model;

import java.time.Instant;
import java.util.List;

/**
 * Where a record came from: its own time, its deterministic id, the log it was read from and the
 * position in the stream or file.
 *
 * @param itemId deterministic id for de-duplication downstream, derived from the record itself
 * @param category the log category as given (GatewayLogs, GatewayLlmLogs, RequestResponse, ...)
 * @param resourceId ARM id of the resource that logged it (the APIM instance, or the account)
 * @param truncated whether a logged body was cut
 * @param unmapped fields of the record Tollgate read but could not map ({@code tollgate.unmapped}),
 *     never null
 */
public record Origin(
    Instant time,
    String itemId,
    String correlationId,
    String category,
    String resourceId,
    String region,
    boolean truncated,
    SourcePosition position,
    List<String> unmapped) {

  public Origin {
    if (time == null || itemId == null) {
      throw new IllegalArgumentException("a record needs a time and an item id");
    }
    unmapped = unmapped == null ? List.of() : List.copyOf(unmapped);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Origin} by name. */
  public static final class Builder {
    private Instant time;
    private String itemId;
    private String correlationId;
    private String category;
    private String resourceId;
    private String region;
    private boolean truncated;
    private SourcePosition position;
    private List<String> unmapped;

    private Builder() {}

    public Builder time(Instant v) {
      time = v;
      return this;
    }

    public Builder itemId(String v) {
      itemId = v;
      return this;
    }

    public Builder correlationId(String v) {
      correlationId = v;
      return this;
    }

    public Builder category(String v) {
      category = v;
      return this;
    }

    public Builder resourceId(String v) {
      resourceId = v;
      return this;
    }

    public Builder region(String v) {
      region = v;
      return this;
    }

    public Builder truncated(boolean v) {
      truncated = v;
      return this;
    }

    public Builder position(SourcePosition v) {
      position = v;
      return this;
    }

    public Builder unmapped(List<String> v) {
      unmapped = v;
      return this;
    }

    public Origin build() {
      return new Origin(
          time, itemId, correlationId, category, resourceId, region, truncated, position, unmapped);
    }
  }
}
