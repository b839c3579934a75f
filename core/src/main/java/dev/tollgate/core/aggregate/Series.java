package dev.tollgate.core.aggregate;

/** The per-request values a window keeps distribution statistics of. */
public enum Series {
  INPUT_TOKENS,
  OUTPUT_TOKENS,
  CACHED_INPUT_TOKENS,
  REASONING_TOKENS,
  COST_USD,
  DURATION_MS
}
