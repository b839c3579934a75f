package dev.tollgate.loganalytics;

/**
 * Runs one KQL text over a Log Analytics workspace. The only seam between Tollgate and the Azure
 * SDK's logs client ({@link AzureLogsQuery}); tests and the local report use their own.
 */
public interface LogsQuery {

  /**
   * Runs {@code kql} on the workspace over {@code timeSpan} and returns its primary table. A
   * partial result (rows and an error at once) is returned, flagged, not thrown.
   *
   * @param workspaceId the workspace id (a GUID, the workspace's "Workspace ID", not its ARM id)
   * @throws LogsQueryThrottledException the service answered 429 (with its Retry-After)
   * @throws LogsQueryTimeoutException the query ran out of time on the service or in the client
   * @throws LogsQueryException any other failure (bad KQL, unknown table, no access, network)
   */
  LogsQueryResult query(String workspaceId, String kql, QueryTimeSpan timeSpan);
}
