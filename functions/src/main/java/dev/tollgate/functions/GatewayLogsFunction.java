package dev.tollgate.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.RunStats;
import java.util.List;
import java.util.Map;

/**
 * The Event Hubs trigger over APIM's GatewayLogs stream. Only maps the binding and calls {@link
 * GatewayLogsHandler}; all behaviour lives there, where it is tested.
 */
public class GatewayLogsFunction {
  private static GatewayLogsHandler handler;

  /**
   * Retries without limit: only a delivery failure throws (bad records are dead-lettered), and
   * giving up would let the host checkpoint past usage records that were never delivered.
   */
  @FunctionName("GatewayLogs")
  @ExponentialBackoffRetry(
      maxRetryCount = -1,
      minimumInterval = "00:00:10",
      maximumInterval = "00:15:00")
  public void run(
      @EventHubTrigger(
              name = "messages",
              eventHubName = "%" + AppSettings.EVENTHUB_NAME + "%",
              connection = AppSettings.EVENTHUB_CONNECTION,
              consumerGroup = "%" + AppSettings.EVENTHUB_CONSUMER_GROUP + "%",
              cardinality = Cardinality.MANY,
              dataType = "string")
          List<String> messages,
      @BindingName("SystemPropertiesArray") Map<String, Object>[] systemProperties,
      @BindingName("PartitionContext") Map<String, Object> partitionContext,
      final ExecutionContext context) {
    List<EventBody> bodies = EventHubBodies.from(messages, systemProperties, partitionContext);
    RunStats stats = handler().process(bodies, context.getLogger());
    context.getLogger().info(BatchSummary.describe(bodies, stats));
  }

  /** Built on first use and kept: the host makes a new instance of this class per invocation. */
  private static synchronized GatewayLogsHandler handler() {
    if (handler == null) {
      handler = GatewayLogsHandler.fromSettings(System.getenv());
    }
    return handler;
  }
}
