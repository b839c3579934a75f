package dev.tollgate.functions;

import com.azure.storage.blob.BlobServiceClient;
import dev.tollgate.appinsights.AppInsightsSettings;
import dev.tollgate.appinsights.AppInsightsSinkFactory;
import dev.tollgate.azure.BlobDeadLetterStore;
import dev.tollgate.azure.BlobProgressStore;
import dev.tollgate.azure.StorageConnection;
import dev.tollgate.core.config.TollgateSettings;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.ProgressStore;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.Sinks;
import dev.tollgate.core.pipeline.TollgateSink;
import dev.tollgate.otel.OtlpSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Everything behind the GatewayLogs trigger: one Event Hub batch through the core pipeline, dead
 * letters to Blob Storage, events and metrics to Application Insights, progress in Blob Storage.
 * Thread-safe; one instance serves all invocations.
 */
public final class GatewayLogsHandler {
  private final Supplier<Pipeline> pipeline;
  private final BlobDeadLetterStore deadLetters;
  private final ProgressStore progress;
  private final AppInsightsSinkFactory telemetry;
  private final TollgateSink otlp;

  /**
   * @param telemetry Application Insights delivery; null when no connection string is set (then
   *     only a summary is logged, and nothing is delivered)
   * @param otlp OTLP export shared by all runs; null when OTEL_EXPORTER_OTLP_ENDPOINT is unset
   */
  public GatewayLogsHandler(
      Pipeline pipeline,
      BlobDeadLetterStore deadLetters,
      ProgressStore progress,
      AppInsightsSinkFactory telemetry,
      TollgateSink otlp) {
    this(() -> pipeline, deadLetters, progress, telemetry, otlp);
  }

  /**
   * @param pipeline the pipeline for each batch (re-built as the deployment inventory changes)
   */
  GatewayLogsHandler(
      Supplier<Pipeline> pipeline,
      BlobDeadLetterStore deadLetters,
      ProgressStore progress,
      AppInsightsSinkFactory telemetry,
      TollgateSink otlp) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.telemetry = telemetry;
    this.otlp = otlp == null ? null : Sinks.synchronizedSink(otlp);
  }

  /**
   * A handler configured from app settings ({@link AppSettings}, {@link TollgateSettings}).
   *
   * @throws IllegalArgumentException naming a missing or wrong setting
   */
  public static GatewayLogsHandler fromSettings(Map<String, String> env) {
    return fromSettings(env, StorageConnection.fromSettings(env).buildClient());
  }

  /** As {@link #fromSettings(Map)}, with the Blob Storage client given. */
  public static GatewayLogsHandler fromSettings(Map<String, String> env, BlobServiceClient blobs) {
    BlobProgressStore progress =
        BlobProgressStore.builder()
            .serviceClient(blobs)
            .containerName(AppSettings.progressContainer(env))
            .fullyQualifiedNamespace(AppSettings.eventHubNamespace(env))
            .eventHubName(AppSettings.eventHubName(env))
            .consumerGroup(AppSettings.consumerGroup(env))
            .build();
    return new GatewayLogsHandler(
        InventoryPricedPipeline.fromSettings(env),
        BlobDeadLetterStore.create(blobs, AppSettings.deadLetterContainer(env)),
        progress,
        AppInsightsSettings.factory(env).orElse(null),
        OtlpSettings.sink(env).orElse(null));
  }

  /**
   * Processes one batch. Bad records become dead letters and never fail the batch; a delivery
   * failure (Blob Storage unreachable, say) throws, progress stays where it was, and the host's
   * retry policy runs the batch again.
   */
  public RunStats process(List<EventBody> bodies, Logger log) {
    // Dead letters first: a batch whose dead letters cannot be kept must not count as delivered.
    TollgateSink output =
        telemetry == null
            ? new LogSummarySink(log)
            : telemetry.newSink("function:GatewayLogs:" + partitionOf(bodies), deadLetters::write);
    List<TollgateSink> sinks = new ArrayList<>(List.of(deadLetters, output));
    if (otlp != null) {
      sinks.add(otlp);
    }
    return pipeline.get().processBatch(bodies, Sinks.tee(sinks), progress);
  }

  private static String partitionOf(List<EventBody> bodies) {
    return bodies.isEmpty() || bodies.get(0).partitionId() == null
        ? "unknown"
        : bodies.get(0).partitionId();
  }
}
