// The Tollgate workbook (Azure Monitor Workbooks): tabs for cost, usage, latency, errors and safety,
// and reconciliation (with gateway bypass and key listing). The layout is ../workbook/tollgate.workbook.json; each query item there holds a
// placeholder {{tollgate:KEY}} that is replaced below by a file of queries/ with its parameters bound
// (kql.bicep). {Lookback}, {Bin} and {Budgets} are the workbook's own parameters.

import { bindQuery, jsonString } from 'kql.bicep'

param location string
param name string
param displayName string
param appInsightsId string
param workspaceId string
param monthlyBudgetsUsd object
param tags object

var queries = [
  {
    key: 'cost-by-team'
    scope: 'appinsights'
    text: loadTextContent('../../queries/cost-by-subscription-product-deployment-model.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
    ]
  }
  {
    key: 'cost-per-day'
    scope: 'appinsights'
    text: loadTextContent('../../queries/cost-and-tokens-from-metrics.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
    ]
  }
  {
    key: 'budget'
    scope: 'appinsights'
    text: loadTextContent('../../queries/budget-burn-and-forecast.kql')
    lets: [
      'let budgets_usd = dynamic({Budgets});'
      'let default_budget_usd = real(null);'
      'let as_of = datetime(null);'
      'let recent_window = 7d;'
    ]
  }
  {
    key: 'tokens-by-caller'
    scope: 'appinsights'
    text: loadTextContent('../../queries/tokens-by-caller-ip-and-model.kql')
    lets: [
      'let lookback = {Lookback};'
      'let top_n = 50;'
    ]
  }
  {
    key: 'prompt-bloat'
    scope: 'appinsights'
    text: loadTextContent('../../queries/prompt-bloat.kql')
    lets: [
      'let lookback = {Lookback};'
      'let min_requests = 10;'
      'let ratio_threshold = 20.0;'
    ]
  }
  {
    key: 'estimated-share'
    scope: 'appinsights'
    text: loadTextContent('../../queries/estimated-usage-share.kql')
    lets: [
      'let lookback = {Lookback};'
      'let min_share = 0.0;'
    ]
  }
  {
    key: 'llm-log-usage'
    scope: 'workspace'
    text: loadTextContent('../../queries/llm-log-usage.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
    ]
  }
  {
    key: 'latency-percentiles'
    scope: 'appinsights'
    text: loadTextContent('../../queries/latency-percentiles.kql')
    lets: [
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
      'let include_errors = false;'
    ]
  }
  {
    key: 'latency-buckets'
    scope: 'appinsights'
    text: loadTextContent('../../queries/latency-p95-from-buckets.kql')
    lets: [
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
      'let by_deployment = true;'
    ]
  }
  {
    key: 'slow-requests'
    scope: 'appinsights'
    text: loadTextContent('../../queries/slow-requests.kql')
    lets: [
      'let lookback = {Lookback};'
      'let threshold_ms = 30000.0;'
      'let top_n = 100;'
    ]
  }
  {
    key: 'error-rate'
    scope: 'appinsights'
    text: loadTextContent('../../queries/error-rate.kql')
    lets: [
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
      'let min_requests = 1;'
    ]
  }
  {
    key: 'throttling'
    scope: 'appinsights'
    text: loadTextContent('../../queries/throttling-rate-by-subscription.kql')
    lets: [
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
      'let min_rate = 0.0;'
    ]
  }
  {
    key: 'apim-throttling'
    scope: 'workspace'
    text: loadTextContent('../../queries/apim-throttling-by-subscription.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
      'let url_filter = "openai";'
    ]
  }
  {
    key: 'content-filter'
    scope: 'appinsights'
    text: loadTextContent('../../queries/content-filter-hits-by-category.kql')
    lets: [
      'let lookback = {Lookback};'
    ]
  }
  {
    key: 'drift'
    scope: 'appinsights'
    text: loadTextContent('../../queries/reconciliation-drift.kql')
    lets: [
      'let lookback = {Lookback};'
      'let drift_threshold = 0.05;'
    ]
  }
  {
    key: 'coverage'
    scope: 'workspace'
    text: loadTextContent('../../queries/tollgate-coverage-vs-llm-log.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
    ]
  }
  {
    key: 'aoai-logs'
    scope: 'workspace'
    text: loadTextContent('../../queries/aoai-resource-log-requests.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
    ]
  }
  {
    key: 'gateway-bypass'
    scope: 'appinsights'
    text: loadTextContent('../../queries/gateway-bypass.kql')
    lets: [
      'let start_time = datetime(null);'
      'let end_time = datetime(null);'
      'let lookback = {Lookback};'
      'let bin_size = {Bin};'
    ]
  }
  {
    // Every bin with a call that bypassed APIM, not only those above the alert's thresholds.
    key: 'gateway-bypass-workspace'
    scope: 'workspace'
    text: loadTextContent('../../queries/alert-gateway-bypass.kql')
    lets: [
      'let window = {Lookback};'
      'let end_time = datetime(null);'
      'let bin_size = {Bin};'
      'let min_bypass_requests = 1;'
      'let min_bypass_share = 0.0;'
    ]
  }
  {
    key: 'key-listing'
    scope: 'workspace'
    text: loadTextContent('../../queries/alert-key-listing.kql')
    lets: [
      'let window = {Lookback};'
      'let end_time = datetime(null);'
      'let operations = dynamic(["ListKey", "RegenerateKey"]);'
    ]
  }
  {
    // Thresholds below zero: every source is listed, not only breaching ones.
    key: 'pipeline-health'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-dead-letters-and-lag.kql')
    lets: [
      'let window = {Lookback};'
      'let end_time = datetime(null);'
      'let dead_letter_threshold = -1;'
      'let lag_threshold_seconds = -1.0;'
    ]
  }
  {
    // No allowed silence: every timer seen in the last week is listed with when it last ran.
    key: 'timers'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-timer-stopped.kql')
    lets: [
      'let max_silence = 0m;'
      'let lookback = 7d;'
      'let expected_timers = dynamic([]);'
    ]
  }
]

var template = loadTextContent('../workbook/tollgate.workbook.json')

var withResources = replace(replace(replace(template, '__APPINSIGHTS_ID__', jsonString(appInsightsId)), '__WORKSPACE_ID__', jsonString(workspaceId)), '__BUDGETS_JSON__', jsonString(string(monthlyBudgetsUsd)))

var serializedData = reduce(queries, withResources, (acc, q) => replace(acc, '{{tollgate:${q.key}}}', jsonString(bindQuery(q.text, q.lets))))

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsightsId
    version: '1.0'
    serializedData: serializedData
  }
}

output workbookId string = workbook.id
