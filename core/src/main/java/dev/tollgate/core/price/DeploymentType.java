package dev.tollgate.core.price;

import java.util.Locale;

/** Azure OpenAI deployment types as far as they change the per-token price. */
public enum DeploymentType {
  GLOBAL("global"),
  DATA_ZONE("data_zone"),
  REGIONAL("regional"),
  BATCH("batch"),
  PROVISIONED("provisioned");

  private final String wireName;

  DeploymentType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Parses our names and Azure's SKU names (GlobalStandard, DataZoneStandard, Standard,
   * GlobalBatch, DataZoneBatch, ProvisionedManaged, GlobalProvisionedManaged, ...).
   */
  public static DeploymentType parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String k =
        s.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    if (k.contains("provisioned") || k.equals("ptu")) {
      return PROVISIONED;
    }
    if (k.contains("batch")) {
      return BATCH;
    }
    if (k.startsWith("datazone")) {
      return DATA_ZONE;
    }
    if (k.startsWith("global")) {
      return GLOBAL;
    }
    if (k.equals("standard") || k.equals("regional") || k.equals("regionalstandard")) {
      return REGIONAL;
    }
    throw new IllegalArgumentException(
        "unknown deployment type '"
            + s
            + "' (expected global, data_zone, regional, batch or provisioned)");
  }
}
