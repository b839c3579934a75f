package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.tollgate.loganalytics.LogAnalyticsSettings;
import java.time.Instant;

/**
 * The timer that polls the Log Analytics workspace queries. Only reads its binding and calls {@link
 * LogAnalyticsPollerHandler}; see there for what a run does.
 */
public class LogAnalyticsPollerFunction {
  private static LogAnalyticsPollerHandler handler;

  @FunctionName("LogAnalyticsPoller")
  public void run(
      @TimerTrigger(name = "timer", schedule = "%" + LogAnalyticsSettings.SCHEDULE + "%")
          String timerInfo,
      final ExecutionContext context) {
    handler().run(Instant.now(), context.getLogger());
  }

  /** Built on first use and kept: the host makes a new instance of this class per invocation. */
  private static synchronized LogAnalyticsPollerHandler handler() {
    if (handler == null) {
      handler = LogAnalyticsPollerHandler.fromSettings(System.getenv());
    }
    return handler;
  }
}
