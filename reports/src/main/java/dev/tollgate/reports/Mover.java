package dev.tollgate.reports;

import java.math.BigDecimal;

/**
 * A team or deployment whose cost changed against the previous period of the same length.
 *
 * @param kind {@code team} or {@code deployment}
 * @param name the APIM subscription id or deployment name
 * @param previousUsd cost in the previous period
 * @param currentUsd cost in the report's period
 * @param changeUsd current minus previous
 * @param changeShare change over previous as a fraction (4 decimals); null when previous is 0
 */
public record Mover(
    String kind,
    String name,
    BigDecimal previousUsd,
    BigDecimal currentUsd,
    BigDecimal changeUsd,
    BigDecimal changeShare) {}
