package dev.tollgate.otel;

import java.util.Map;
import java.util.Optional;

/** The settings of OTLP export, and the sink they describe. */
public final class OtlpSettings {
  /** The standard OTLP endpoint setting (base URL); export is off when it is absent. */
  public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

  /** Standard headers setting: {@code k=v,k2=v2}, values URL-encoded (e.g. {@code Bearer%20x}). */
  public static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";

  /** Standard {@code service.name} setting; Tollgate's default is {@code tollgate}. */
  public static final String SERVICE_NAME = "OTEL_SERVICE_NAME";

  /** Standard resource attributes setting: {@code k=v,k2=v2}. */
  public static final String RESOURCE_ATTRIBUTES = "OTEL_RESOURCE_ATTRIBUTES";

  /** The standard kill switch: {@code true} turns export off even with an endpoint. */
  public static final String SDK_DISABLED = "OTEL_SDK_DISABLED";

  private OtlpSettings() {}

  /**
   * A sink when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (and the SDK is not disabled); empty
   * otherwise. Every {@code OTEL_*} entry of {@code env} configures the SDK.
   */
  public static Optional<OtlpSink> sink(Map<String, String> env) {
    String endpoint = env.get(ENDPOINT);
    if (endpoint == null || endpoint.isBlank() || "true".equalsIgnoreCase(env.get(SDK_DISABLED))) {
      return Optional.empty();
    }
    return Optional.of(OtlpSink.builder().configuration(env).build());
  }
}
