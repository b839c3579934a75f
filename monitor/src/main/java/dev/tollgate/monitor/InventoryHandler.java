package dev.tollgate.monitor;

import dev.tollgate.appinsights.AppInsightsPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Everything behind the deployment inventory timer: lists the configured accounts and their
 * deployments through ARM, stores them ({@link DeploymentInventory}), logs what changed and sends
 * the {@code TollgatePipelineHealth} event of {@code timer:inventory} (when Application Insights is
 * configured). An account that cannot be read keeps its last stored deployments.
 */
public final class InventoryHandler {
  public static final String TIMER = "inventory";

  /** What one run did. */
  public record Report(int accounts, int deployments, int removed, List<String> errors) {
    public Report {
      errors = List.copyOf(errors);
    }
  }

  private final ArmAccounts arm;
  private final DeploymentInventory inventory;
  private final AppInsightsPublisher publisher;
  private final Clock clock;
  private final String disabledReason;

  /**
   * @param publisher may be null: no health event
   */
  public InventoryHandler(
      ArmAccounts arm, DeploymentInventory inventory, AppInsightsPublisher publisher, Clock clock) {
    this.arm = Objects.requireNonNull(arm, "arm");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.publisher = publisher;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.disabledReason = null;
  }

  private InventoryHandler(String reason) {
    this.arm = null;
    this.inventory = null;
    this.publisher = null;
    this.clock = Clock.systemUTC();
    this.disabledReason = reason;
  }

  /** The handler the app settings describe. */
  public static InventoryHandler fromSettings(Map<String, String> env) {
    Jobs jobs =
        Jobs.fromSettings(
            env, AzureHttp.defaultCredential(), AzureHttp.jdkClient(Duration.ofSeconds(60)));
    if (!jobs.accounts().configured()) {
      return new InventoryHandler(
          "no accounts configured: set "
              + MonitorSettings.ACCOUNT_IDS
              + ", "
              + MonitorSettings.SUBSCRIPTIONS
              + " or "
              + MonitorSettings.RESOURCE_GROUPS);
    }
    return new InventoryHandler(
        jobs.accounts(),
        new DeploymentInventory(TableConnection.fromSettings(env).table(tableName(env))),
        AppInsightsPublisher.fromSettings(env).orElse(null),
        Clock.systemUTC());
  }

  /** The inventory table's name from settings. */
  public static String tableName(Map<String, String> env) {
    return Objects.requireNonNullElse(
        MonitorSettings.get(env, MonitorSettings.INVENTORY_TABLE), "tollgateinventory");
  }

  public Report run(Logger log) {
    if (arm == null) {
      log.info("deployment inventory off: " + disabledReason);
      return null;
    }
    Instant now = clock.instant();
    List<String> errors = new ArrayList<>();
    int accounts = 0;
    int deployments = 0;
    int removed = 0;
    List<Account> list;
    try {
      list = arm.accounts();
    } catch (MetricsQueryException e) {
      errors.add("listing the accounts: " + e.getMessage());
      list = List.of();
    }
    for (Account a : list) {
      try {
        List<ArmAccounts.Deployment> ds = arm.deployments(a);
        removed += inventory.put(a, ds, now);
        accounts++;
        deployments += ds.size();
        for (ArmAccounts.Deployment d : ds) {
          log.fine(
              a.name()
                  + "/"
                  + d.name()
                  + ": "
                  + d.modelName()
                  + " "
                  + d.modelVersion()
                  + " "
                  + d.skuName()
                  + " x"
                  + d.capacity());
        }
      } catch (MetricsQueryException e) {
        errors.add(a.name() + ": " + e.getMessage());
      }
    }
    log.info(
        String.format(
            "deployment inventory: %d accounts, %d deployments, %d removed, %d errors",
            accounts, deployments, removed, errors.size()));
    errors.forEach(e -> log.warning("deployment inventory: " + e));
    if (publisher != null) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("tollgate.accounts", accounts);
      v.put("tollgate.deployments", deployments);
      v.put("tollgate.deployments_removed", removed);
      v.put("tollgate.errors", errors.size());
      if (!errors.isEmpty()) {
        v.put("tollgate.error", String.join("; ", errors));
      }
      try {
        publisher.publishEvents(List.of(TimerHealth.event(TIMER, now, now.toString(), v)));
      } catch (RuntimeException e) {
        log.warning("could not send the health event: " + e.getMessage());
      }
    }
    return new Report(accounts, deployments, removed, errors);
  }
}
