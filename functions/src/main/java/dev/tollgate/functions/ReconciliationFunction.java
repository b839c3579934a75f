package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.tollgate.monitor.MonitorSettings;
import dev.tollgate.monitor.ReconciliationHandler;

/**
 * The timer that compares platform token counts with the gateway's records per deployment. Only
 * reads its binding and calls {@link ReconciliationHandler}.
 */
public class ReconciliationFunction {
  private static ReconciliationHandler handler;

  @FunctionName("Reconciliation")
  public void run(
      @TimerTrigger(name = "timer", schedule = "%" + MonitorSettings.RECONCILE_SCHEDULE + "%")
          String timerInfo,
      final ExecutionContext context) {
    handler().run(context.getLogger());
  }

  private static synchronized ReconciliationHandler handler() {
    if (handler == null) {
      handler = ReconciliationHandler.fromSettings(System.getenv());
    }
    return handler;
  }
}
