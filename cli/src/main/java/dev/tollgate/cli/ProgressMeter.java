package dev.tollgate.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Reports progress on stderr every few seconds, for inputs large enough to need it. */
final class ProgressMeter {
  private static final long MIN_BYTES = 32L << 20;
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final long total;
  private final long start = System.nanoTime();
  private long done;
  private long last = start;
  private boolean shown;

  ProgressMeter(PrintWriter err, long totalBytes) {
    this.err = err;
    this.total = totalBytes;
  }

  void add(long bytes) {
    done += bytes;
    if (total < MIN_BYTES) {
      return;
    }
    long now = System.nanoTime();
    if (now - last >= EVERY_NANOS) {
      last = now;
      shown = true;
      double secs = (now - start) / 1e9;
      err.printf(
          Locale.ROOT,
          "replay: %,d of %,d MB (%.0f%%), %.1f MB/s%n",
          done >> 20,
          total >> 20,
          100.0 * done / total,
          (done >> 20) / Math.max(secs, 1e-3));
      err.flush();
    }
  }

  void finish() {
    if (shown) {
      err.printf(
          Locale.ROOT,
          "replay: done, %,d MB in %.1f s%n",
          done >> 20,
          (System.nanoTime() - start) / 1e9);
      err.flush();
    }
  }
}
