package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.tollgate.monitor.MetricsPollerHandler;
import dev.tollgate.monitor.MonitorSettings;

/**
 * The timer that reads the Azure OpenAI accounts' platform metrics into Application Insights. Only
 * reads its binding and calls {@link MetricsPollerHandler}.
 */
public class PlatformMetricsFunction {
  private static MetricsPollerHandler handler;

  @FunctionName("PlatformMetrics")
  public void run(
      @TimerTrigger(name = "timer", schedule = "%" + MonitorSettings.METRICS_SCHEDULE + "%")
          String timerInfo,
      final ExecutionContext context) {
    handler().run(context.getLogger());
  }

  /** Built on first use and kept: the host makes a new instance of this class per invocation. */
  private static synchronized MetricsPollerHandler handler() {
    if (handler == null) {
      handler = MetricsPollerHandler.fromSettings(System.getenv());
    }
    return handler;
  }
}
