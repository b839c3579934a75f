package dev.tollgate.core.aggregate;

/**
 * Count, sum, min, max and sum of squares of one per-request value: what a pre-aggregated custom
 * metric carries (value, count, min, max, stdDev). Merges by addition across instances.
 */
public final class SeriesStats {
  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sumOfSquares;

  public void add(double v) {
    count++;
    sum += v;
    sumOfSquares += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  public void merge(SeriesStats o) {
    count += o.count;
    sum += o.sum;
    sumOfSquares += o.sumOfSquares;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
  }

  public long count() {
    return count;
  }

  public double sum() {
    return sum;
  }

  public double min() {
    return count == 0 ? 0 : min;
  }

  public double max() {
    return count == 0 ? 0 : max;
  }

  /** Population standard deviation, as Application Insights expects for pre-aggregated metrics. */
  public double stdDev() {
    if (count == 0) {
      return 0;
    }
    double mean = sum / count;
    return Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
  }
}
