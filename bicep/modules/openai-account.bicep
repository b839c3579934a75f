// One existing Azure OpenAI (Microsoft.CognitiveServices) account, deployed at the account's own
// resource group: its resource logs and metrics go to Tollgate's workspace, and the function app may
// read its metrics (reconciliation) and its deployments (inventory: deployment names, models, SKUs).
//
// Azure OpenAI has no resource-specific tables: its logs (Audit, RequestResponse, Trace,
// AzureOpenAIRequestUsage) land in AzureDiagnostics, which aoai-resource-log-requests.kql reads.

param accountName string
param workspaceId string
param principalId string

@description('Name of the diagnostic setting created on the account.')
param diagnosticSettingName string

var roleIds = {
  // Platform metrics (tokens, requests) for reconciliation, and (its */read) the account's
  // deployments (name, model, version, SKU) for the inventory: no separate Reader needed.
  monitoringReader: '43d0d8ad-25c7-4714-9337-8ba259a9fe05'
}

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: account
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource monitoringReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roleIds.monitoringReader)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
