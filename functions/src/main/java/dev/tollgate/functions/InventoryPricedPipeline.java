package dev.tollgate.functions;

import dev.tollgate.core.config.TollgateSettings;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import dev.tollgate.core.price.PriceCatalog;
import dev.tollgate.monitor.DeploymentInventory;
import dev.tollgate.monitor.InventoryHandler;
import dev.tollgate.monitor.TableConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline, re-built every few minutes with what the deployment inventory (the inventory
 * timer's table) says each deployment runs and how it is deployed, so prices follow the real model
 * version and SKU. An unreadable inventory never fails a batch: the last good options stay.
 */
final class InventoryPricedPipeline implements Supplier<Pipeline> {
  /** What pricing needs from the inventory: deployment to type, and to model with version. */
  record Inventory(Map<String, DeploymentType> deploymentTypes, Map<String, ModelId> models) {}

  static final Duration REFRESH = Duration.ofMinutes(15);
  private static final Logger LOG = Logger.getLogger(InventoryPricedPipeline.class.getName());

  private final PriceCatalog catalog;
  private final EnrichOptions base;
  private final Supplier<Inventory> inventory;
  private final Clock clock;
  private Pipeline current;
  private Instant refreshedAt = Instant.MIN;

  InventoryPricedPipeline(
      PriceCatalog catalog, EnrichOptions base, Supplier<Inventory> inventory, Clock clock) {
    this.catalog = catalog;
    this.base = base;
    this.inventory = inventory;
    this.clock = clock;
    this.current = Pipeline.builder().catalog(catalog).options(base).build();
  }

  static InventoryPricedPipeline fromSettings(Map<String, String> env) {
    DeploymentInventory table =
        new DeploymentInventory(
            TableConnection.fromSettings(env).table(InventoryHandler.tableName(env)));
    return new InventoryPricedPipeline(
        TollgateSettings.catalog(env),
        TollgateSettings.enrichOptions(env),
        () -> {
          DeploymentInventory.Snapshot s = table.snapshot();
          return new Inventory(s.deploymentTypes(), s.models());
        },
        Clock.systemUTC());
  }

  @Override
  public synchronized Pipeline get() {
    Instant now = clock.instant();
    if (Duration.between(refreshedAt, now).compareTo(REFRESH) >= 0) {
      refreshedAt = now;
      try {
        Inventory i = inventory.get();
        current =
            Pipeline.builder()
                .catalog(catalog)
                .options(base.withInventory(i.deploymentTypes(), i.models()))
                .build();
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "deployment inventory unreadable, pricing with the last known options: "
                + e.getMessage());
      }
    }
    return current;
  }
}
