package dev.tollgate.core.invoice;

/**
 * What an Azure meter bills, as far as Tollgate can set it beside its own figures. A meter that
 * cannot be classed is {@link #OTHER}: kept in the billed total, never matched to a guess.
 */
public enum MeterClass {
  INPUT("input"),
  CACHED_INPUT("cached_input"),
  OUTPUT("output"),
  BATCH("batch"),
  PTU_HOURS("ptu_hours"),
  RESERVATION("reservation"),
  OTHER("other");

  private final String wireName;

  MeterClass(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
