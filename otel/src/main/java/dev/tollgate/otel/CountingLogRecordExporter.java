package dev.tollgate.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the log records the wrapped exporter confirmed or failed. The SDK's batch processor
 * reports a flush as successful whatever the export's outcome, and drops records silently when its
 * queue is full; counting here is how {@link OtlpSink} knows what actually arrived.
 */
final class CountingLogRecordExporter implements LogRecordExporter {
  private final LogRecordExporter delegate;
  private final AtomicLong confirmed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

  CountingLogRecordExporter(LogRecordExporter delegate) {
    this.delegate = delegate;
  }

  /** What happened since the last {@link #take}. */
  record Tally(long confirmed, long failed, Throwable lastFailure) {}

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    int n = logs.size();
    CompletableResultCode result;
    try {
      result = delegate.export(logs);
    } catch (RuntimeException e) {
      failed(n, e);
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            confirmed.addAndGet(n);
          } else {
            failed(n, result.getFailureThrowable());
          }
        });
    return result;
  }

  private void failed(int n, Throwable t) {
    failed.addAndGet(n);
    lastFailure.set(t != null ? t : new IllegalStateException("log export failed"));
  }

  /** Records confirmed or failed so far in this window. */
  long settled() {
    return confirmed.get() + failed.get();
  }

  /** The window's tally, starting a new window. */
  Tally take() {
    return new Tally(confirmed.getAndSet(0), failed.getAndSet(0), lastFailure.getAndSet(null));
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "CountingLogRecordExporter{" + delegate + "}";
  }
}
