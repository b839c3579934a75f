// The Tollgate function app: Linux, Java 17, system-assigned identity, HTTPS only, TLS 1.2+, FTP off,
// identity-based host storage and Event Hubs connections, and every app setting the code reads.
//
// Flex Consumption (default) runs from a package in a blob container of the storage account, reached
// with the app's identity. Elastic Premium is the option for always-warm instances: it runs without
// the usual Azure Files content share (Azure Files needs a storage key, and the account has none), so
// its code comes from a package URL in blob storage (WEBSITE_RUN_FROM_PACKAGE), read with the identity.

param location string
param appName string
param planName string

@allowed([
  'FlexConsumption'
  'Premium'
])
param hostingPlan string

@description('Flex Consumption: most instances the app scales out to.')
param flexMaximumInstanceCount int

@description('Flex Consumption: memory of each instance.')
param flexInstanceMemoryMB int

@description('Premium: plan SKU (EP1, EP2, EP3).')
param premiumSku string

@description('Premium: most instances the plan scales out to.')
param premiumMaximumElasticWorkerCount int

@description('Premium: URL of the app package (.zip) in the storage account; empty until the first upload (the app then has no code).')
param premiumPackageUrl string

param storageAccountName string
param blobEndpoint string

@description('Flex Consumption: blob container holding the deployment package.')
param deploymentContainerName string

@description('Allow basic-auth publishing on the SCM (Kudu) site; off unless a deployment tool needs it.')
param allowScmBasicAuth bool

// Values of the app settings (see appSettings below).
param eventHubFullyQualifiedNamespace string
param eventHubName string
param consumerGroupName string
param appInsightsConnectionString string
param deadLetterContainer string
param progressContainer string
param reportContainer string
param priceCatalogFile string
param maskClientIp bool
param endUserHeader string
param defaultDeploymentType string
param deploymentTypes string
param captureContent bool
param captureContentMaxChars int
param events string
param metricTopN int
param otlpEndpoint string
@secure()
param otlpHeaders string
param otelServiceName string
param otelResourceAttributes string
param otelSdkDisabled bool
param logAnalyticsSchedule string
param logAnalyticsWorkspaceCustomerId string
param logAnalyticsQueries string
param logAnalyticsWindow string
param logAnalyticsDelay string
param logAnalyticsParameters string
param logAnalyticsEndpoint string
param logAnalyticsServerTimeout string
param logAnalyticsMaxRetryAfter string
param reportSchedule string
param reportPeriods string
param monthlyBudgetsUsd object
param metricsSchedule string
param inventorySchedule string
param reconcileSchedule string
param openAiAccountIds array
param openAiSubscriptions string
param openAiResourceGroups string
param apimResourceId string

param tags object

var isFlex = hostingPlan == 'FlexConsumption'

var flexPlanSku = {
  name: 'FC1'
  tier: 'FlexConsumption'
}

var premiumPlanSku = {
  name: premiumSku
  tier: 'ElasticPremium'
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? flexPlanSku : premiumPlanSku
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: isFlex ? null : premiumMaximumElasticWorkerCount
  }
}

// Flex Consumption rejects most siteConfig properties of other plans (linuxFxVersion, alwaysOn,
// ftpsState, ...): the runtime and scaling are in functionAppConfig, and FTP is off through the
// publishing credentials policy below (Flex has no FTP endpoint to configure).
var flexSiteConfig = {
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
}

var premiumSiteConfig = {
  linuxFxVersion: 'Java|17'
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  http20Enabled: true
  minimumElasticInstanceCount: 1
  functionAppScaleLimit: premiumMaximumElasticWorkerCount
}

var flexFunctionAppConfig = {
  deployment: {
    storage: {
      type: 'blobContainer'
      value: '${blobEndpoint}${deploymentContainerName}'
      authentication: {
        type: 'SystemAssignedIdentity'
      }
    }
  }
  runtime: {
    name: 'java'
    version: '17'
  }
  scaleAndConcurrency: {
    maximumInstanceCount: flexMaximumInstanceCount
    instanceMemoryMB: flexInstanceMemoryMB
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: isFlex ? flexSiteConfig : premiumSiteConfig
    functionAppConfig: isFlex ? flexFunctionAppConfig : null
  }
}

// Every setting the code reads (the test suite compares these names with the code, the generated
// function.json files and local.settings.sample.json). Values are strings.
var appSettingsTollgate = {
  // Host storage, identity-based (no key exists); also Tollgate's dead letters, progress and reports.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  // Event Hubs trigger, identity-based.
  EventHubConnection__fullyQualifiedNamespace: eventHubFullyQualifiedNamespace
  EventHubConnection__credential: 'managedidentity'
  TOLLGATE_EVENTHUB_NAME: eventHubName
  TOLLGATE_EVENTHUB_CONSUMER_GROUP: consumerGroupName
  TOLLGATE_DEADLETTER_CONTAINER: deadLetterContainer
  TOLLGATE_PROGRESS_CONTAINER: progressContainer
  // Pricing and enrichment.
  TOLLGATE_PRICE_CATALOG_FILE: priceCatalogFile
  TOLLGATE_MASK_CLIENT_IP: maskClientIp ? 'true' : 'false'
  TOLLGATE_END_USER_HEADER: endUserHeader
  TOLLGATE_DEFAULT_DEPLOYMENT_TYPE: defaultDeploymentType
  TOLLGATE_DEPLOYMENT_TYPES: deploymentTypes
  TOLLGATE_CAPTURE_CONTENT: captureContent ? 'true' : 'false'
  TOLLGATE_CAPTURE_CONTENT_MAX_CHARS: string(captureContentMaxChars)
  // Application Insights, written with Entra ID (the resource has local auth disabled).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  TOLLGATE_EVENTS: events
  TOLLGATE_METRIC_TOP_N: string(metricTopN)
  // OTLP export (off while the endpoint is empty).
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint
  OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders
  OTEL_SERVICE_NAME: otelServiceName
  OTEL_RESOURCE_ATTRIBUTES: otelResourceAttributes
  OTEL_SDK_DISABLED: otelSdkDisabled ? 'true' : 'false'
  // Log Analytics poller (off while the workspace id is empty).
  TOLLGATE_LA_SCHEDULE: logAnalyticsSchedule
  TOLLGATE_LA_WORKSPACE_ID: logAnalyticsWorkspaceCustomerId
  TOLLGATE_LA_QUERIES: logAnalyticsQueries
  TOLLGATE_LA_WINDOW: logAnalyticsWindow
  TOLLGATE_LA_DELAY: logAnalyticsDelay
  TOLLGATE_LA_PARAMETERS: logAnalyticsParameters
  TOLLGATE_LA_ENDPOINT: logAnalyticsEndpoint
  TOLLGATE_LA_SERVER_TIMEOUT: logAnalyticsServerTimeout
  TOLLGATE_LA_MAX_RETRY_AFTER: logAnalyticsMaxRetryAfter
  // Scheduled cost reports.
  TOLLGATE_REPORT_SCHEDULE: reportSchedule
  TOLLGATE_REPORT_CONTAINER: reportContainer
  TOLLGATE_REPORT_BUDGETS: string(monthlyBudgetsUsd)
  TOLLGATE_REPORT_PERIODS: reportPeriods
  // Azure Monitor jobs: platform metrics poller, deployment inventory, reconciliation. Tuning settings
  // are left empty: empty means the code's default (see MonitorSettings).
  TOLLGATE_METRICS_SCHEDULE: metricsSchedule
  TOLLGATE_INVENTORY_SCHEDULE: inventorySchedule
  TOLLGATE_RECONCILE_SCHEDULE: reconcileSchedule
  TOLLGATE_AOAI_ACCOUNT_IDS: join(openAiAccountIds, ',')
  TOLLGATE_AOAI_SUBSCRIPTIONS: openAiSubscriptions
  TOLLGATE_AOAI_RESOURCE_GROUPS: openAiResourceGroups
  TOLLGATE_METRICS_NAMES: ''
  TOLLGATE_METRICS_SETTLE_DELAY: ''
  TOLLGATE_METRICS_START_LOOKBACK: ''
  TOLLGATE_METRICS_MAX_SPAN: ''
  TOLLGATE_METRICS_MAX_CALLS: ''
  TOLLGATE_METRICS_ENDPOINT: ''
  TOLLGATE_ARM_ENDPOINT: ''
  TOLLGATE_WATERMARK_TABLE: ''
  TOLLGATE_INVENTORY_TABLE: ''
  TOLLGATE_RECONCILE_WINDOW: ''
  TOLLGATE_RECONCILE_DELAY: ''
  TOLLGATE_RECONCILE_THRESHOLD: ''
  TOLLGATE_RECONCILE_MIN_TOKENS: ''
  TOLLGATE_APIM_RESOURCE_ID: apimResourceId
}

// Premium only: settings Flex Consumption replaces with functionAppConfig (and rejects as app settings).
var appSettingsPremium = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'java'
}

// Premium only, once the package is uploaded: run from it, read with the app's identity.
var appSettingsPremiumPackage = {
  WEBSITE_RUN_FROM_PACKAGE: premiumPackageUrl
}

resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: isFlex ? appSettingsTollgate : union(appSettingsTollgate, appSettingsPremium, empty(premiumPackageUrl) ? {} : appSettingsPremiumPackage)
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: allowScmBasicAuth
  }
}

output appId string = app.id
output appName string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
