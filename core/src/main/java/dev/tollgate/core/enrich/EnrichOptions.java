package dev.tollgate.core.enrich;

import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the enrichment step.
 *
 * @param maskClientIp zero the last octet (IPv4) or last 80 bits (IPv6) of the caller address
 * @param endUserHeader request header APIM logs that carries an end-user or app id (null: none)
 * @param defaultDeploymentType deployment type assumed for pricing when nothing says otherwise
 * @param deploymentTypes deployment name (lower case) to deployment type, e.g. from Azure's SKU
 * @param captureContentChars 0: never capture prompt or completion text; else keep this many
 *     characters of each, redacted
 * @param deploymentModels deployment name (lower case) to the model and version Azure says it runs
 *     (the deployment inventory); wins over the often version-less model in responses
 */
public record EnrichOptions(
    boolean maskClientIp,
    String endUserHeader,
    DeploymentType defaultDeploymentType,
    Map<String, DeploymentType> deploymentTypes,
    int captureContentChars,
    Map<String, ModelId> deploymentModels) {

  public static final EnrichOptions DEFAULTS =
      new EnrichOptions(false, null, DeploymentType.GLOBAL, Map.of());

  /** Options without content capture. */
  public EnrichOptions(
      boolean maskClientIp,
      String endUserHeader,
      DeploymentType defaultDeploymentType,
      Map<String, DeploymentType> deploymentTypes) {
    this(maskClientIp, endUserHeader, defaultDeploymentType, deploymentTypes, 0, Map.of());
  }

  /** Options without an inventory. */
  public EnrichOptions(
      boolean maskClientIp,
      String endUserHeader,
      DeploymentType defaultDeploymentType,
      Map<String, DeploymentType> deploymentTypes,
      int captureContentChars) {
    this(
        maskClientIp,
        endUserHeader,
        defaultDeploymentType,
        deploymentTypes,
        captureContentChars,
        Map.of());
  }

  public EnrichOptions {
    defaultDeploymentType =
        defaultDeploymentType == null ? DeploymentType.GLOBAL : defaultDeploymentType;
    deploymentTypes = deploymentTypes == null ? Map.of() : Map.copyOf(deploymentTypes);
    deploymentModels = deploymentModels == null ? Map.of() : Map.copyOf(deploymentModels);
  }

  /**
   * These options with what the deployment inventory knows: its deployment types fill in where the
   * explicit setting says nothing (the setting wins), its models price deployments.
   */
  public EnrichOptions withInventory(
      Map<String, DeploymentType> inventoryTypes, Map<String, ModelId> inventoryModels) {
    Map<String, DeploymentType> types = new java.util.HashMap<>();
    inventoryTypes.forEach((k, v) -> types.put(k.toLowerCase(Locale.ROOT), v));
    types.putAll(deploymentTypes);
    Map<String, ModelId> models = new java.util.HashMap<>();
    inventoryModels.forEach((k, v) -> models.put(k.toLowerCase(Locale.ROOT), v));
    return new EnrichOptions(
        maskClientIp, endUserHeader, defaultDeploymentType, types, captureContentChars, models);
  }

  /** The model and version the inventory says a deployment runs, or null. */
  public ModelId deploymentModel(String deployment) {
    return deployment == null ? null : deploymentModels.get(deployment.toLowerCase(Locale.ROOT));
  }

  public DeploymentType deploymentTypeOf(String deployment) {
    if (deployment == null) {
      return defaultDeploymentType;
    }
    return deploymentTypes.getOrDefault(deployment.toLowerCase(Locale.ROOT), defaultDeploymentType);
  }

  /** Parses {@code name=type,name=type} as used by the TOLLGATE_DEPLOYMENT_TYPES setting. */
  public static Map<String, DeploymentType> parseDeploymentTypes(String spec) {
    if (spec == null || spec.isBlank()) {
      return Map.of();
    }
    java.util.Map<String, DeploymentType> m = new java.util.HashMap<>();
    for (String pair : spec.split("[,;]")) {
      String p = pair.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "deployment types must look like 'deployment=global,other=data_zone', got '" + p + "'");
      }
      m.put(
          p.substring(0, eq).strip().toLowerCase(Locale.ROOT),
          DeploymentType.parse(p.substring(eq + 1)));
    }
    return m;
  }

  public EnrichOptions withMaskClientIp(boolean mask) {
    return new EnrichOptions(
        mask,
        endUserHeader,
        defaultDeploymentType,
        deploymentTypes,
        captureContentChars,
        deploymentModels);
  }
}
