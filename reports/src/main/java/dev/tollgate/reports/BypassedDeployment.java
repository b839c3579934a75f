package dev.tollgate.reports;

import java.math.BigDecimal;

/**
 * One deployment of an account that sends resource logs, over the report's days: calls the account
 * logged ({@code RequestResponse}) against calls APIM passed to it (GatewayLogs).
 *
 * @param account account name, lower case
 * @param deployment the account's name for it (else the gateway's)
 * @param accountRequests calls the account logged
 * @param gatewayRequests calls APIM passed to it
 * @param bypassRequests account minus gateway per 1-minute window, never below 0, summed: calls
 *     that bypassed the gateway
 * @param bypassShare bypassing calls over the account's; null when the account logged none (the
 *     gateway saw calls the account did not log: a logging gap, or names that differ)
 */
public record BypassedDeployment(
    String account,
    String deployment,
    long accountRequests,
    long gatewayRequests,
    long bypassRequests,
    BigDecimal bypassShare) {}
