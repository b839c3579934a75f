/**
 * The Log Analytics poller core: runs the KQL files of the top-level {@code queries/} folder
 * against a Log Analytics workspace and turns their rows into metric items, so signals that exist
 * only in logs (APIM's LLM logs, Azure OpenAI resource logs) become alertable.
 *
 * <p>{@link dev.tollgate.loganalytics.LogsQuery} hides the Azure SDK ({@link
 * dev.tollgate.loganalytics.AzureLogsQuery} is the only class that touches it); {@link
 * dev.tollgate.loganalytics.QueryCatalog} loads the queries from the classpath; {@link
 * dev.tollgate.loganalytics.LogAnalyticsPoller} runs them and hands {@link
 * dev.tollgate.loganalytics.MetricRow}s to a {@link dev.tollgate.loganalytics.MetricRowSink}.
 * {@link dev.tollgate.loganalytics.WorkspaceReportSource} reads the {@code LlmRequest} events back
 * for cost reports.
 */
package dev.tollgate.loganalytics;
