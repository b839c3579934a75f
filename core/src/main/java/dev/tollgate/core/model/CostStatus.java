package dev.tollgate.core.model;

/** Why a record has, or has not, a cost. Never a silent zero. */
public enum CostStatus {
  /** Priced from the catalog. */
  PRICED("priced"),
  /**
   * Some token classes of the call (e.g. audio) have no price in the catalog entry: the cost is the
   * known part, never the rest priced as text.
   */
  PARTIALLY_PRICED("partially_priced"),
  /** An LLM call whose model (or deployment type, or date) the catalog does not cover. */
  UNPRICED_MODEL("unpriced_model"),
  /** An LLM call with no tokens to price (e.g. throttled before the model ran). */
  NO_USAGE("no_usage"),
  /**
   * Usage that no call can have (negative, fractional or non-numeric counts, or more tokens than
   * the model can take): never priced, and its tokens are kept out of every sum.
   */
  IMPLAUSIBLE_USAGE("implausible_usage"),
  /** A provisioned (PTU) deployment: billed per PTU-hour, not per token. */
  PROVISIONED("provisioned"),
  /**
   * An LLM call whose log carries no token counts (an Azure OpenAI resource log): counted, never
   * priced, and not a gap in the catalog. The same call's cost, when it went through APIM, is on
   * the gateway's record.
   */
  USAGE_NOT_LOGGED("usage_not_logged"),
  /** Not an LLM call. */
  NOT_APPLICABLE("not_applicable");

  private final String wireName;

  CostStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
