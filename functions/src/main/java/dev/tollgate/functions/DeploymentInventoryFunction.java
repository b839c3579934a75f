package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.tollgate.monitor.InventoryHandler;
import dev.tollgate.monitor.MonitorSettings;

/**
 * The timer that stores the accounts' deployments (model, version, SKU, capacity). Only reads its
 * binding and calls {@link InventoryHandler}.
 */
public class DeploymentInventoryFunction {
  private static InventoryHandler handler;

  @FunctionName("DeploymentInventory")
  public void run(
      @TimerTrigger(name = "timer", schedule = "%" + MonitorSettings.INVENTORY_SCHEDULE + "%")
          String timerInfo,
      final ExecutionContext context) {
    handler().run(context.getLogger());
  }

  private static synchronized InventoryHandler handler() {
    if (handler == null) {
      handler = InventoryHandler.fromSettings(System.getenv());
    }
    return handler;
  }
}
