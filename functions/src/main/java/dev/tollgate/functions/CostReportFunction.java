package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.time.Instant;

/**
 * The timer that writes the scheduled cost reports. Only reads its binding and calls {@link
 * CostReportHandler}; see there for what a run writes, and for the data source it still lacks.
 */
public class CostReportFunction {
  private static CostReportHandler handler;

  @FunctionName("CostReport")
  public void run(
      @TimerTrigger(name = "timer", schedule = "%" + CostReportSettings.SCHEDULE + "%")
          String timerInfo,
      final ExecutionContext context) {
    handler().run(Instant.now(), context.getLogger());
  }

  /** Built on first use and kept: the host makes a new instance of this class per invocation. */
  private static synchronized CostReportHandler handler() {
    if (handler == null) {
      handler = CostReportHandler.fromSettings(System.getenv());
    }
    return handler;
  }
}
