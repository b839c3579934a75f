// Tollgate: the whole stack in one resource-group deployment (see README.md in this folder).
//
//   az deployment group create -g <resource group> -f bicep/main.bicep -p bicep/main.bicepparam
//
// Creates the function app (Flex Consumption by default), its storage account, a Log Analytics
// workspace with workspace-based Application Insights, the Event Hub APIM streams to, the alert rules
// and the workbook; and, on resources that already exist, the diagnostic settings on the APIM instance
// and the Azure OpenAI accounts plus the function app's role assignments there.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------
// Naming and placement
// ---------------------------------------------------------------------------------------------------

@description('Short lowercase name (letters and digits) that resource names are derived from.')
@minLength(3)
@maxLength(12)
param baseName string = 'tollgate'

@description('Region of the new resources.')
param location string = resourceGroup().location

@description('Region of the Event Hub namespace: it must be the APIM instance\'s region (diagnostic settings stream only within a region).')
param eventHubLocation string = location

@description('Tags for every new resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------------------

@description('FlexConsumption (serverless, default) or Premium (Elastic Premium, always-warm instances).')
@allowed([
  'FlexConsumption'
  'Premium'
])
param hostingPlan string = 'FlexConsumption'

@description('Flex Consumption: most instances; more than the hub\'s partitions buys nothing for the Event Hub trigger.')
@minValue(1)
@maxValue(1000)
param flexMaximumInstanceCount int = 40

@description('Flex Consumption: instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int = 2048

@description('Premium: plan SKU.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string = 'EP1'

@description('Premium: most instances.')
@minValue(1)
@maxValue(100)
param premiumMaximumElasticWorkerCount int = 10

@description('Premium: https URL of the uploaded app package (.zip) in the deployment container; empty on the first deployment (see README.md).')
param premiumPackageUrl string = ''

@description('Allow basic-auth publishing on the SCM site. Off: deploy with Entra ID (az, Core Tools, the Maven plugin).')
param allowScmBasicAuth bool = false

// ---------------------------------------------------------------------------------------------------
// API Management and Azure OpenAI (existing resources)
// ---------------------------------------------------------------------------------------------------

@description('Name of the existing API Management instance whose gateway logs Tollgate reads.')
param apimName string

@description('Resource group of the APIM instance.')
param apimResourceGroup string = resourceGroup().name

@description('Subscription of the APIM instance.')
param apimSubscriptionId string = subscription().subscriptionId

@description('Also send GatewayLogs and GatewayLlmLogs to the workspace (resource-specific tables), for the Log Analytics poller, the coverage check and the workbook.')
param apimLogsToWorkspace bool = true

@description('APIs (names in APIM) whose Azure Monitor logging to set: bodies up to apimBodyBytes and LLM logs. Empty leaves the APIs\' logging as it is (set it in the portal, README.md).')
param apimOpenAiApiNames array = []

@description('Bytes of each request and response body APIM logs for those APIs (8192 is the most).')
@minValue(0)
@maxValue(8192)
param apimBodyBytes int = 8192

@description('Also log prompt and completion messages in GatewayLlmLogs (not needed by Tollgate; privacy).')
param apimLogLlmMessages bool = false

@description('Resource ids of the existing Azure OpenAI accounts behind APIM: their logs go to the workspace, and the function app may read their metrics and deployments.')
param openAiAccountIds array = []

@description('Name of the diagnostic settings created on APIM and on the Azure OpenAI accounts: shared resources, so it names this stack (baseName and resource group), and another stack\'s setting is never overwritten.')
param diagnosticSettingName string = 'tollgate-${baseName}-${uniqueString(resourceGroup().id, baseName)}'

// ---------------------------------------------------------------------------------------------------
// Event Hub and monitoring
// ---------------------------------------------------------------------------------------------------

@description('Name of the event hub APIM streams to.')
param eventHubName string = 'apim-gateway-logs'

@description('Tollgate\'s own consumer group on that hub.')
param eventHubConsumerGroupName string = 'tollgate'

@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Hours events stay in the hub: how long a failing batch can keep being retried before its records are lost.')
@minValue(1)
@maxValue(168)
param eventHubRetentionHours int = 168

@minValue(1)
@maxValue(40)
param eventHubCapacity int = 1

@description('Auto-inflate limit of throughput units (equal to eventHubCapacity: no auto-inflate).')
@minValue(1)
@maxValue(40)
param eventHubMaximumThroughputUnits int = 4

@description('Days the Log Analytics workspace keeps data (the month-to-date budget view needs 32 or more).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

// ---------------------------------------------------------------------------------------------------
// Tollgate settings (README.md, "Configuration (app settings)")
// ---------------------------------------------------------------------------------------------------

param deadLetterContainer string = 'tollgate-deadletter'
param progressContainer string = 'tollgate-progress'
param reportContainer string = 'tollgate-reports'

@description('Path of a price catalog override file (negotiated prices); empty: the shipped catalog.')
param priceCatalogFile string = ''

param maskClientIp bool = false

@description('Logged request header carrying an end-user or app id; empty: none.')
param endUserHeader string = ''

@allowed([
  'global'
  'data_zone'
  'regional'
  'batch'
  'provisioned'
])
param defaultDeploymentType string = 'global'

@description('Per-deployment types, name=type,... (Azure SKU names accepted).')
param deploymentTypes string = ''

@description('Send redacted prompt and completion text with each event (off: privacy).')
param captureContent bool = false

@minValue(1)
param captureContentMaxChars int = 1000

@description('Which LLM calls become events: all, errors, sampled:N or off (metrics always count all).')
param events string = 'all'

@minValue(1)
param metricTopN int = 20

@description('OTLP endpoint for Elastic, Grafana or any OTLP backend; empty: no OTLP export.')
param otlpEndpoint string = ''

@description('OTLP headers, k=v,k2=v2 (e.g. an API key).')
@secure()
param otlpHeaders string = ''

param otelServiceName string = 'tollgate'
param otelResourceAttributes string = ''
param otelSdkDisabled bool = false

@description('Run the Log Analytics poller against the workspace (APIM\'s own logs as metrics).')
param enableLogAnalyticsPoller bool = true

@description('NCRONTAB schedule of the Log Analytics poller (UTC); its period should match logAnalyticsWindow.')
param logAnalyticsSchedule string = '0 0/15 * * * *'

@description('Query files the poller runs, comma-separated; empty: its defaults.')
param logAnalyticsQueries string = ''

@description('Span of each poll (ISO-8601).')
param logAnalyticsWindow string = 'PT15M'

@description('How far behind now a poll window ends, for ingestion latency (ISO-8601).')
param logAnalyticsDelay string = 'PT10M'

@description('Parameter values per query file, JSON; empty: the files\' defaults.')
param logAnalyticsParameters string = ''

@description('Logs query endpoint for other clouds; empty: the public cloud.')
param logAnalyticsEndpoint string = ''

param logAnalyticsServerTimeout string = 'PT2M'
param logAnalyticsMaxRetryAfter string = 'PT1M'

@description('NCRONTAB schedule of the cost report timer (UTC).')
param reportSchedule string = '0 0 6 * * *'

@description('Reports each run writes: any of daily,weekly,mtd.')
param reportPeriods string = 'daily,weekly,mtd'

@description('Monthly budget per APIM subscription id in USD, e.g. { \'team-search\': 1500 }: used by the cost reports, the budget alert and the workbook.')
param monthlyBudgetsUsd object = {}

@description('NCRONTAB schedule of the Azure OpenAI platform metrics poller (UTC).')
param metricsSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule of the deployment inventory (UTC).')
param inventorySchedule string = '0 0 */6 * * *'

@description('NCRONTAB schedule of the reconciliation of gateway tokens against platform metrics (UTC).')
param reconcileSchedule string = '0 15 * * * *'

@description('Subscriptions whose Azure OpenAI accounts are all watched, comma-separated (needs Reader there: not assigned by this template). Empty: only openAiAccountIds.')
param openAiSubscriptions string = ''

@description('Resource groups whose Azure OpenAI accounts are watched, <subscription id>/<group>, comma-separated (needs Reader there: not assigned by this template).')
param openAiResourceGroups string = ''

@description('Budget alert: monthly USD budget of subscriptions not in monthlyBudgetsUsd; 0: none.')
@minValue(0)
param defaultMonthlyBudgetUsd int = 0

// ---------------------------------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------------------------------

@description('Create the alert rules enabled (false: created, but disabled).')
param alertsEnabled bool = true

@description('E-mail addresses the alerts notify (an action group is created when this is not empty).')
param alertEmailAddresses array = []

@description('Resource ids of existing action groups the alerts notify too (pager, chat, ITSM).')
param existingActionGroupIds array = []

@description('Alerts: minutes after a window ends before it is judged, so events still being ingested are counted.')
@minValue(0)
@maxValue(30)
param alertIngestionDelayMinutes int = 10

@description('Budget burn: alert when the last complete UTC day\'s spend, kept up all month, reaches this percent of the monthly budget.')
@minValue(1)
param alertBudgetBurnPercent int = 100

@description('Error rate: alert above this percent of a deployment\'s calls failing over 15 minutes.')
@minValue(1)
@maxValue(100)
param alertErrorRatePercent int = 5

@description('Error rate: deployments with fewer calls in 15 minutes are not judged.')
@minValue(1)
param alertErrorRateMinRequests int = 20

@description('Latency: alert when a deployment\'s p95 over 15 minutes is above this many milliseconds.')
@minValue(1)
param alertLatencyP95Ms int = 30000

@description('Throttling: alert above this percent of an APIM subscription\'s calls throttled over 15 minutes.')
@minValue(1)
@maxValue(100)
param alertThrottlingRatePercent int = 5

@description('Throttling: subscriptions with fewer calls in 15 minutes are not judged.')
@minValue(1)
param alertThrottlingMinRequests int = 20

@description('Content filter: fewer hits of a category in an hour never alert.')
@minValue(1)
param alertContentFilterMinHits int = 10

@description('Content filter: alert when a category fires this many times more per hour than over the day before.')
@minValue(1)
param alertContentFilterSpikeRatio int = 3

@description('Reconciliation: alert when a deployment\'s gateway tokens differ from the platform\'s by this percent or more.')
@minValue(1)
param alertDriftPercent int = 5

@description('Unpriced model: alert from this many unpriced calls of a model in an hour.')
@minValue(1)
param alertUnpricedMinRequests int = 1

@description('Dead letters: alert above this many dead-lettered records of a source in 15 minutes.')
@minValue(0)
param alertDeadLetterThreshold int = 0

@description('Lag: alert when a source processes records older than this many seconds.')
@minValue(1)
param alertLagThresholdSeconds int = 900

@description('Timers: alert when a timer has not reported a run for this many minutes (above its period); per-timer limits in alertTimerSilenceMinutes.')
@minValue(1)
@maxValue(2880)
param alertTimerMaxSilenceMinutes int = 60

@description('Allowed silence in minutes of timers that run less often than alertTimerMaxSilenceMinutes allows, by source (timer:<name>); keep it above the timer\'s period.')
param alertTimerSilenceMinutes object = {
  'timer:inventory': 420
}

@description('Timer sources that must run, e.g. [ \'timer:loganalytics-poller\' ]: they alert even when never seen.')
param alertExpectedTimers array = []

@description('Gateway bypass: an account\'s deployment with fewer calls in an hour that APIM did not pass never alerts.')
@minValue(1)
param alertBypassMinRequests int = 10

@description('Gateway bypass: alert when at least this percent of a deployment\'s calls in an hour did not come through APIM.')
@minValue(1)
@maxValue(100)
param alertBypassPercent int = 5

@description('Key listing: Audit operations on the Azure OpenAI accounts that alert.')
param alertKeyListingOperations array = [
  'ListKey'
  'RegenerateKey'
]

@description('Key listing: Entra object ids allowed to list keys without an alert (e.g. a deployment pipeline).')
param alertKeyListingIgnoredCallers array = []

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, baseName)
var names = {
  storage: take(toLower('st${baseName}${suffix}'), 24)
  plan: 'plan-${baseName}-${suffix}'
  app: 'func-${baseName}-${suffix}'
  eventHubNamespace: 'evhns-${baseName}-${suffix}'
  workspace: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  deploymentContainer: toLower('app-package-${baseName}')
  // Module deployments: some run in shared resource groups (APIM's, the accounts'), where another
  // stack's deployment of the same name would be replaced; the prefix names this stack.
  deployment: '${baseName}-${suffix}'
}

// ---------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  name: '${names.deployment}-monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: '${names.deployment}-storage'
  params: {
    location: location
    storageAccountName: names.storage
    containerNames: [
      deadLetterContainer
      progressContainer
      reportContainer
      names.deploymentContainer
    ]
    tags: tags
  }
}

module eventHub 'modules/eventhub.bicep' = {
  name: '${names.deployment}-eventhub'
  params: {
    location: eventHubLocation
    namespaceName: names.eventHubNamespace
    eventHubName: eventHubName
    consumerGroupName: eventHubConsumerGroupName
    capacity: eventHubCapacity
    maximumThroughputUnits: eventHubMaximumThroughputUnits
    partitionCount: eventHubPartitionCount
    retentionHours: eventHubRetentionHours
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: '${names.deployment}-functionapp'
  params: {
    location: location
    appName: names.app
    planName: names.plan
    hostingPlan: hostingPlan
    flexMaximumInstanceCount: flexMaximumInstanceCount
    flexInstanceMemoryMB: flexInstanceMemoryMB
    premiumSku: premiumSku
    premiumMaximumElasticWorkerCount: premiumMaximumElasticWorkerCount
    premiumPackageUrl: premiumPackageUrl
    storageAccountName: storage.outputs.storageAccountName
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: names.deploymentContainer
    allowScmBasicAuth: allowScmBasicAuth
    eventHubFullyQualifiedNamespace: eventHub.outputs.fullyQualifiedNamespace
    eventHubName: eventHub.outputs.eventHubName
    consumerGroupName: eventHub.outputs.consumerGroupName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    deadLetterContainer: deadLetterContainer
    progressContainer: progressContainer
    reportContainer: reportContainer
    priceCatalogFile: priceCatalogFile
    maskClientIp: maskClientIp
    endUserHeader: endUserHeader
    defaultDeploymentType: defaultDeploymentType
    deploymentTypes: deploymentTypes
    captureContent: captureContent
    captureContentMaxChars: captureContentMaxChars
    events: events
    metricTopN: metricTopN
    otlpEndpoint: otlpEndpoint
    otlpHeaders: otlpHeaders
    otelServiceName: otelServiceName
    otelResourceAttributes: otelResourceAttributes
    otelSdkDisabled: otelSdkDisabled
    logAnalyticsSchedule: logAnalyticsSchedule
    logAnalyticsWorkspaceCustomerId: enableLogAnalyticsPoller ? monitoring.outputs.workspaceCustomerId : ''
    logAnalyticsQueries: logAnalyticsQueries
    logAnalyticsWindow: logAnalyticsWindow
    logAnalyticsDelay: logAnalyticsDelay
    logAnalyticsParameters: logAnalyticsParameters
    logAnalyticsEndpoint: logAnalyticsEndpoint
    logAnalyticsServerTimeout: logAnalyticsServerTimeout
    logAnalyticsMaxRetryAfter: logAnalyticsMaxRetryAfter
    reportSchedule: reportSchedule
    reportPeriods: reportPeriods
    monthlyBudgetsUsd: monthlyBudgetsUsd
    metricsSchedule: metricsSchedule
    inventorySchedule: inventorySchedule
    reconcileSchedule: reconcileSchedule
    openAiAccountIds: openAiAccountIds
    openAiSubscriptions: openAiSubscriptions
    openAiResourceGroups: openAiResourceGroups
    apimResourceId: resourceId(apimSubscriptionId, apimResourceGroup, 'Microsoft.ApiManagement/service', apimName)
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: '${names.deployment}-roles'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.storageAccountName
    eventHubNamespaceName: eventHub.outputs.namespaceName
    eventHubName: eventHub.outputs.eventHubName
    workspaceName: monitoring.outputs.workspaceName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module apimDiagnostics 'modules/apim-diagnostics.bicep' = {
  name: '${names.deployment}-apim-diagnostics'
  scope: resourceGroup(apimSubscriptionId, apimResourceGroup)
  params: {
    apimName: apimName
    eventHubAuthorizationRuleId: eventHub.outputs.diagnosticsRuleId
    eventHubName: eventHub.outputs.eventHubName
    workspaceId: apimLogsToWorkspace ? monitoring.outputs.workspaceId : ''
    diagnosticSettingName: diagnosticSettingName
    apiNames: apimOpenAiApiNames
    bodyBytes: apimBodyBytes
    logLlmMessages: apimLogLlmMessages
    principalId: functionApp.outputs.principalId
  }
}

// An account id: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{name}
module openAiAccounts 'modules/openai-account.bicep' = [
  for (accountId, i) in openAiAccountIds: {
    name: '${names.deployment}-openai-${i}'
    scope: resourceGroup(split(accountId, '/')[2], split(accountId, '/')[4])
    params: {
      accountName: last(split(accountId, '/'))
      workspaceId: monitoring.outputs.workspaceId
      principalId: functionApp.outputs.principalId
      diagnosticSettingName: diagnosticSettingName
    }
  }
]

module alerts 'modules/alerts.bicep' = {
  name: '${names.deployment}-alerts'
  params: {
    location: location
    baseName: baseName
    appInsightsId: monitoring.outputs.appInsightsId
    workspaceId: monitoring.outputs.workspaceId
    enabled: alertsEnabled
    emailAddresses: alertEmailAddresses
    existingActionGroupIds: existingActionGroupIds
    tags: tags
    monthlyBudgetsUsd: monthlyBudgetsUsd
    defaultMonthlyBudgetUsd: defaultMonthlyBudgetUsd
    alertIngestionDelayMinutes: alertIngestionDelayMinutes
    alertBudgetBurnPercent: alertBudgetBurnPercent
    alertErrorRatePercent: alertErrorRatePercent
    alertErrorRateMinRequests: alertErrorRateMinRequests
    alertLatencyP95Ms: alertLatencyP95Ms
    alertThrottlingRatePercent: alertThrottlingRatePercent
    alertThrottlingMinRequests: alertThrottlingMinRequests
    alertContentFilterMinHits: alertContentFilterMinHits
    alertContentFilterSpikeRatio: alertContentFilterSpikeRatio
    alertDriftPercent: alertDriftPercent
    alertUnpricedMinRequests: alertUnpricedMinRequests
    alertDeadLetterThreshold: alertDeadLetterThreshold
    alertLagThresholdSeconds: alertLagThresholdSeconds
    alertTimerMaxSilenceMinutes: alertTimerMaxSilenceMinutes
    alertTimerSilenceMinutes: alertTimerSilenceMinutes
    alertExpectedTimers: alertExpectedTimers
    alertBypassMinRequests: alertBypassMinRequests
    alertBypassPercent: alertBypassPercent
    alertKeyListingOperations: alertKeyListingOperations
    alertKeyListingIgnoredCallers: alertKeyListingIgnoredCallers
  }
}

module workbook 'modules/workbook.bicep' = {
  name: '${names.deployment}-workbook'
  params: {
    location: location
    name: guid(resourceGroup().id, baseName, 'tollgate-workbook')
    displayName: 'Tollgate (${baseName})'
    appInsightsId: monitoring.outputs.appInsightsId
    workspaceId: monitoring.outputs.workspaceId
    monthlyBudgetsUsd: monthlyBudgetsUsd
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------

output functionAppName string = functionApp.outputs.appName
output functionAppPrincipalId string = functionApp.outputs.principalId
output storageAccountName string = storage.outputs.storageAccountName
output deploymentContainerUrl string = '${storage.outputs.blobEndpoint}${names.deploymentContainer}'
output eventHubNamespace string = eventHub.outputs.fullyQualifiedNamespace
output eventHubName string = eventHub.outputs.eventHubName
output appInsightsName string = monitoring.outputs.appInsightsName
output workspaceName string = monitoring.outputs.workspaceName
output workspaceCustomerId string = monitoring.outputs.workspaceCustomerId
output workbookId string = workbook.outputs.workbookId
output alertRuleNames array = alerts.outputs.ruleNames
