// Example parameters: copy, fill in the placeholders, and deploy with
//   az deployment group create -g rg-tollgate -f bicep/main.bicep -p bicep/main.bicepparam
// Every parameter not set here keeps its default in main.bicep.
using 'main.bicep'

param baseName = 'tollgate'

// The existing APIM instance in front of Azure OpenAI. The Event Hub goes to its region.
param apimName = '<your-apim-instance>'
param apimResourceGroup = '<apim-resource-group>'
param eventHubLocation = '<apim-region, e.g. westeurope>'

// Set Azure Monitor logging (bodies up to 8192 bytes, LLM logs) on these APIs; or do it in the portal.
param apimOpenAiApiNames = [
  'azure-openai'
]

// The Azure OpenAI accounts behind APIM (resource ids).
param openAiAccountIds = [
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/<aoai-resource-group>/providers/Microsoft.CognitiveServices/accounts/<aoai-account>'
]

param hostingPlan = 'FlexConsumption'

// Pricing: deployment types of your deployments (name=type,...), when not all are Global Standard.
param defaultDeploymentType = 'global'
param deploymentTypes = ''

// Monthly budgets per APIM subscription id (team), in USD.
param monthlyBudgetsUsd = {
  'team-search': 1500
  'team-chat': 400
}

param alertEmailAddresses = [
  'platform-oncall@example.com'
]

// Thresholds: the defaults of main.bicep, shown here to be tuned.
param alertErrorRatePercent = 5
param alertLatencyP95Ms = 30000
param alertThrottlingRatePercent = 5
param alertDriftPercent = 5
param alertLagThresholdSeconds = 900

// Key listing: Entra object ids allowed to list the accounts' keys without an alert (e.g. a pipeline).
param alertKeyListingIgnoredCallers = []
