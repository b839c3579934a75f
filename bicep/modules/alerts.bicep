// Log search alert rules over what Tollgate writes to Application Insights (and, for the rules whose
// query file says `scope: workspace`, over the Log Analytics workspace: the accounts' own resource
// logs), and the action group they notify. Every rule's KQL is a file of queries/ (loadTextContent),
// its parameters bound with let statements (kql.bicep); thresholds come from parameters of main.bicep
// (with defaults there).
//
// A log search alert reads at most two days of data, so every window below is two days or less.
// Rules are stateful (autoMitigate): an alert fires once and resolves when its condition clears.
//
// Each rule judges one whole window per evaluation: it runs every `window` and looks only at the
// last complete bin of that size, bin(now() - delay, window) (end_time of the alert-* queries, or a
// suffix on a query binned by `timestamp`), so consecutive evaluations judge consecutive bins and
// late-ingested events (alertIngestionDelayMinutes) are in. timeRange covers the delay and the bin.
// The timer rule is the one exception: it judges how long a timer has been silent up to now.
//
// Each rule queries with its own system-assigned identity, which gets Log Analytics Reader on the
// resource it queries (Application Insights, or the workspace for the rules over the accounts'
// own logs), and nothing else.

import { bindQuery } from 'kql.bicep'

param location string
param baseName string
param appInsightsId string
param workspaceId string
param enabled bool
param emailAddresses array
param existingActionGroupIds array
param tags object

@description('Minutes after a bin ends before it is judged, so events still being ingested are in (at most 30: the timeRanges below allow for that).')
@minValue(0)
@maxValue(30)
param alertIngestionDelayMinutes int

// Thresholds (defaults and meanings: main.bicep).
param monthlyBudgetsUsd object
param defaultMonthlyBudgetUsd int
param alertBudgetBurnPercent int
param alertErrorRatePercent int
param alertErrorRateMinRequests int
param alertLatencyP95Ms int
param alertThrottlingRatePercent int
param alertThrottlingMinRequests int
param alertContentFilterMinHits int
param alertContentFilterSpikeRatio int
param alertDriftPercent int
param alertUnpricedMinRequests int
param alertDeadLetterThreshold int
param alertLagThresholdSeconds int
param alertTimerMaxSilenceMinutes int
param alertTimerSilenceMinutes object
param alertExpectedTimers array
param alertBypassMinRequests int
param alertBypassPercent int
param alertKeyListingOperations array
param alertKeyListingIgnoredCallers array

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(emailAddresses)) {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(baseName, 12)
    enabled: true
    emailReceivers: [
      for (address, i) in emailAddresses: {
        name: 'email-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroupIds = concat(empty(emailAddresses) ? [] : array(actionGroup.id), existingActionGroupIds)

var rules = [
  {
    name: '${baseName}-budget-burn'
    displayName: 'Tollgate: team on course to overrun its monthly budget'
    description: 'The last complete UTC day of an APIM subscription\'s spend, kept up for the whole month, reaches its monthly budget (times the burn threshold).'
    severity: 2
    // One UTC day, judged once a day; no ingestion delay: the day and its bin must fit in two days.
    frequency: 'P1D'
    window: 'P1D'
    timeRange: 'P2D'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-budget-burn-rate.kql')
    lets: [
      'let window = 1d;'
      'let end_time = bin(now(), 1d);'
      'let budgets_usd = dynamic(${string(monthlyBudgetsUsd)});'
      'let default_budget_usd = iff(${defaultMonthlyBudgetUsd} > 0, real(${defaultMonthlyBudgetUsd}), real(null));'
      'let burn_threshold = ${alertBudgetBurnPercent} / 100.0;'
    ]
    suffix: ''
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'subscription'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-error-rate'
    displayName: 'Tollgate: error rate above threshold'
    description: 'The share of failed LLM calls of a deployment over 15 minutes is above the threshold (deployments with too few calls are left out).'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    timeRange: 'PT1H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/error-rate.kql')
    lets: [
      'let lookback = 1h;'
      'let bin_size = 15m;'
      'let min_requests = ${alertErrorRateMinRequests};'
    ]
    suffix: '| where timestamp == bin(now() - ${alertIngestionDelayMinutes}m, 15m) - 15m\n| extend error_rate_percent = error_rate * 100.0\n'
    aggregation: 'Maximum'
    measure: 'error_rate_percent'
    dimensions: [
      {
        name: 'deployment'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: alertErrorRatePercent
  }
  {
    name: '${baseName}-latency-p95'
    displayName: 'Tollgate: p95 latency above threshold'
    description: 'The p95 end-to-end latency of a deployment over 15 minutes, across all function instances (from the mergeable duration buckets), is above the threshold.'
    severity: 3
    frequency: 'PT15M'
    window: 'PT15M'
    timeRange: 'PT1H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/latency-p95-from-buckets.kql')
    lets: [
      'let lookback = 1h;'
      'let bin_size = 15m;'
      'let by_deployment = true;'
    ]
    suffix: '| where timestamp == bin(now() - ${alertIngestionDelayMinutes}m, 15m) - 15m\n'
    aggregation: 'Maximum'
    measure: 'p95_ms'
    dimensions: [
      {
        name: 'deployment'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: alertLatencyP95Ms
  }
  {
    name: '${baseName}-throttling-rate'
    displayName: 'Tollgate: throttling rate above threshold'
    description: 'The share of an APIM subscription\'s calls answered 429 (or 403 by a token quota) over 15 minutes is above the threshold.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    timeRange: 'PT1H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/throttling-rate-by-subscription.kql')
    lets: [
      'let lookback = 1h;'
      'let bin_size = 15m;'
      'let min_rate = 0.0;'
    ]
    suffix: '| where timestamp == bin(now() - ${alertIngestionDelayMinutes}m, 15m) - 15m\n| where requests >= ${alertThrottlingMinRequests}\n| extend throttle_rate_percent = throttle_rate * 100.0\n'
    aggregation: 'Maximum'
    measure: 'throttle_rate_percent'
    dimensions: [
      {
        name: 'subscription'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: alertThrottlingRatePercent
  }
  {
    name: '${baseName}-content-filter-spike'
    displayName: 'Tollgate: content-filter category spiking'
    description: 'A content-filter category fired in the last hour at several times its rate of the day before.'
    severity: 3
    frequency: 'PT1H'
    window: 'PT1H'
    timeRange: 'P1DT3H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-content-filter-spike.kql')
    lets: [
      'let window = 1h;'
      'let end_time = bin(now() - ${alertIngestionDelayMinutes}m, 1h);'
      'let baseline = 1d;'
      'let min_hits = ${alertContentFilterMinHits};'
      'let spike_ratio = real(${alertContentFilterSpikeRatio});'
    ]
    suffix: ''
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'category'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-reconciliation-drift'
    displayName: 'Tollgate: gateway tokens drift from Azure OpenAI\'s own metrics'
    description: 'For a deployment, a reconciliation check of the last complete hour found the tokens Tollgate saw at the gateway differing from the platform metrics by the threshold or more (traffic bypassing APIM, lost logs, estimation error).'
    severity: 3
    frequency: 'PT1H'
    window: 'PT1H'
    timeRange: 'PT3H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-reconciliation-drift.kql')
    lets: [
      'let window = 1h;'
      'let end_time = bin(now() - ${alertIngestionDelayMinutes}m, 1h);'
      'let drift_threshold = ${alertDriftPercent} / 100.0;'
    ]
    suffix: ''
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'deployment'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-unpriced-model'
    displayName: 'Tollgate: calls to a model the price catalog does not know'
    description: 'LLM calls of the last complete hour could not be priced (tollgate.cost.status unpriced_model): add the model to the price catalog, then replay the period.'
    severity: 3
    frequency: 'PT1H'
    window: 'PT1H'
    timeRange: 'PT3H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-unpriced-model.kql')
    lets: [
      'let window = 1h;'
      'let end_time = bin(now() - ${alertIngestionDelayMinutes}m, 1h);'
    ]
    suffix: '| where requests >= ${alertUnpricedMinRequests}\n'
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'model'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-dead-letters-lag'
    displayName: 'Tollgate health: dead letters or processing lag'
    description: 'A Tollgate source dead-lettered more records than the threshold in 15 minutes, or processed records older than the lag threshold (falling behind the gateway logs).'
    severity: 1
    frequency: 'PT15M'
    window: 'PT15M'
    timeRange: 'PT1H'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-dead-letters-and-lag.kql')
    lets: [
      'let window = 15m;'
      'let end_time = bin(now() - ${alertIngestionDelayMinutes}m, 15m);'
      'let dead_letter_threshold = ${alertDeadLetterThreshold};'
      'let lag_threshold_seconds = real(${alertLagThresholdSeconds});'
    ]
    suffix: ''
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'source'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-timer-stopped'
    displayName: 'Tollgate health: a timer stopped running'
    description: 'A timer-triggered Tollgate job (Log Analytics poller, platform metrics, reconciliation, inventory) has not reported a run for longer than its allowed silence.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    timeRange: 'P2D'
    scope: 'appinsights'
    text: loadTextContent('../../queries/alert-timer-stopped.kql')
    // Every timer comes out (no silence allowed in the query); the suffix applies each timer's own limit.
    lets: [
      'let max_silence = 0m;'
      'let lookback = 2d;'
      'let expected_timers = dynamic(${string(alertExpectedTimers)});'
    ]
    suffix: '| extend allowed_minutes = coalesce(todouble(dynamic(${string(alertTimerSilenceMinutes)})[source]), real(${alertTimerMaxSilenceMinutes}))\n| where isnull(last_seen) or silent_for_minutes > allowed_minutes\n'
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'source'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-gateway-bypass'
    displayName: 'Tollgate: calls reaching Azure OpenAI without going through APIM'
    description: 'In the last whole hour, an account logged more calls to a deployment (its RequestResponse resource logs) than APIM passed to it: someone calls the account directly, with a key or a token, outside the gateway\'s quotas and logs.'
    severity: 2
    frequency: 'PT1H'
    window: 'PT1H'
    timeRange: 'PT3H'
    scope: 'workspace'
    text: loadTextContent('../../queries/alert-gateway-bypass.kql')
    // The last complete hour, judged once both logs are in.
    lets: [
      'let window = 1h;'
      'let end_time = bin(now() - ${alertIngestionDelayMinutes}m, 1h);'
      'let bin_size = 1h;'
      'let min_bypass_requests = ${alertBypassMinRequests};'
      'let min_bypass_share = ${alertBypassPercent} / 100.0;'
    ]
    suffix: ''
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'account'
        operator: 'Include'
        values: [
          '*'
        ]
      }
      {
        name: 'deployment'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: '${baseName}-key-listing'
    displayName: 'Tollgate security: an Azure OpenAI account\'s keys were listed or regenerated'
    description: 'An Audit record says someone (caller object id in the results) listed or regenerated an account\'s API keys. Keys bypass Entra ID and APIM: check who, and rotate the keys if it was not expected.'
    severity: 1
    frequency: 'PT15M'
    window: 'PT15M'
    timeRange: 'PT2H'
    scope: 'workspace'
    text: loadTextContent('../../queries/alert-key-listing.kql')
    // The last complete 15 minutes, judged once the audit records are in.
    lets: [
      'let window = 15m;'
      'let end_time = bin(now() - ${alertIngestionDelayMinutes}m, 15m);'
      'let operations = dynamic(${string(alertKeyListingOperations)});'
    ]
    suffix: '| where caller_object_id !in (dynamic(${string(alertKeyListingIgnoredCallers)}))\n'
    aggregation: 'Count'
    measure: ''
    dimensions: [
      {
        name: 'account'
        operator: 'Include'
        values: [
          '*'
        ]
      }
      {
        name: 'caller_object_id'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
    operator: 'GreaterThan'
    threshold: 0
  }
]

var roleIds = {
  // What a rule's identity needs to run its query on the Application Insights resource.
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893'
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: last(split(appInsightsId, '/'))
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: last(split(workspaceId, '/'))
}

// Rules over the Application Insights resource, and rules over the workspace (the accounts' own
// resource logs): the same resource, each scoped to and granted on what its query reads.
var insightsRules = filter(rules, r => r.scope != 'workspace')
var workspaceRules = filter(rules, r => r.scope == 'workspace')

resource rule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for r in insightsRules: {
    name: r.name
    location: location
    tags: tags
    kind: 'LogAlert'
    // The rule runs its query as this identity (granted below), not as whoever created it.
    identity: {
      type: 'SystemAssigned'
    }
    properties: {
      displayName: r.displayName
      description: r.description
      severity: r.severity
      enabled: enabled
      scopes: [
        appInsightsId
      ]
      evaluationFrequency: r.frequency
      windowSize: r.window
      overrideQueryTimeRange: empty(r.timeRange) ? null : r.timeRange
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: '${bindQuery(r.text, r.lets)}${r.suffix}'
            timeAggregation: r.aggregation
            metricMeasureColumn: empty(r.measure) ? null : r.measure
            dimensions: r.dimensions
            operator: r.operator
            threshold: r.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: actionGroupIds
      }
    }
  }
]

resource workspaceRule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for r in workspaceRules: {
    name: r.name
    location: location
    tags: tags
    kind: 'LogAlert'
    identity: {
      type: 'SystemAssigned'
    }
    properties: {
      displayName: r.displayName
      description: r.description
      severity: r.severity
      enabled: enabled
      scopes: [
        workspaceId
      ]
      evaluationFrequency: r.frequency
      windowSize: r.window
      overrideQueryTimeRange: empty(r.timeRange) ? null : r.timeRange
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: '${bindQuery(r.text, r.lets)}${r.suffix}'
            timeAggregation: r.aggregation
            metricMeasureColumn: empty(r.measure) ? null : r.measure
            dimensions: r.dimensions
            operator: r.operator
            threshold: r.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: actionGroupIds
      }
    }
  }
]

resource ruleReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (r, i) in insightsRules: {
    name: guid(appInsightsId, r.name, roleIds.logAnalyticsReader)
    scope: appInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.logAnalyticsReader)
      principalId: rule[i].identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]


resource workspaceRuleReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (r, i) in workspaceRules: {
    name: guid(workspaceId, r.name, roleIds.logAnalyticsReader)
    scope: workspace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.logAnalyticsReader)
      principalId: workspaceRule[i].identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output actionGroupIds array = actionGroupIds
output ruleNames array = [for r in rules: r.name]
