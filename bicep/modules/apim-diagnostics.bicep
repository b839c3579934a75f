// The existing API Management instance, deployed at its own resource group: a diagnostic setting that
// streams GatewayLogs and GatewayLlmLogs to Tollgate's Event Hub (and, optionally, to the workspace in
// resource-specific tables for the Log Analytics poller and the coverage checks), and optionally the
// API-level logging that puts request and response bodies into those records.
//
// The Event Hub namespace must be in the same region as the APIM instance (an Azure Monitor rule for
// streaming to Event Hubs).

param apimName string
param eventHubAuthorizationRuleId string
param eventHubName string

@description('Workspace that also receives the logs (resource-specific tables); empty for Event Hub only.')
param workspaceId string

@description('Name of the diagnostic setting created on the APIM instance.')
param diagnosticSettingName string

@description('APIs (names in APIM) to configure Azure Monitor logging on; empty leaves API settings alone.')
param apiNames array

@description('Bytes of each request and response body APIM logs (8192 is the most it logs).')
@minValue(0)
@maxValue(8192)
param bodyBytes int

@description('Also log prompt and completion messages in GatewayLlmLogs (Tollgate does not need them).')
param logLlmMessages bool

@description('The function app\'s identity: reads the instance\'s settings for the doctor (GET /api/doctor).')
param principalId string

var roleIds = {
  // Read-only: the doctor checks the diagnostic setting and the APIs' logging.
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource gatewayLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: apim
  properties: {
    eventHubAuthorizationRuleId: eventHubAuthorizationRuleId
    eventHubName: eventHubName
    workspaceId: empty(workspaceId) ? null : workspaceId
    logAnalyticsDestinationType: empty(workspaceId) ? null : 'Dedicated'
    logs: [
      {
        category: 'GatewayLogs'
        enabled: true
      }
      {
        category: 'GatewayLlmLogs'
        enabled: true
      }
    ]
  }
}

// GatewayLlmLogs for each API; prompts and completions only when asked for. 'all' is the only value
// `messages` has: leaving requests and responses out is how messages stay unlogged.
var llmLogsOnly = {
  logs: 'enabled'
}

var llmLogsWithMessages = {
  logs: 'enabled'
  requests: {
    messages: 'all'
    maxSizeInBytes: 32768
  }
  responses: {
    messages: 'all'
    maxSizeInBytes: 32768
  }
}

resource apis 'Microsoft.ApiManagement/service/apis@2024-05-01' existing = [
  for name in apiNames: {
    parent: apim
    name: name
  }
]

// largeLanguageModel (GatewayLlmLogs per API) is only in the preview API versions so far.
resource apiLogging 'Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview' = [
  for (name, i) in apiNames: {
    parent: apis[i]
    name: 'azuremonitor'
    properties: {
      loggerId: resourceId('Microsoft.ApiManagement/service/loggers', apimName, 'azuremonitor')
      alwaysLog: 'allErrors'
      logClientIp: true
      verbosity: 'information'
      sampling: {
        samplingType: 'fixed'
        percentage: 100
      }
      frontend: {
        request: {
          headers: []
          body: {
            bytes: bodyBytes
          }
        }
        response: {
          headers: []
          body: {
            bytes: bodyBytes
          }
        }
      }
      backend: {
        request: {
          headers: []
          body: {
            bytes: 0
          }
        }
        response: {
          headers: []
          body: {
            bytes: 0
          }
        }
      }
      largeLanguageModel: logLlmMessages ? llmLogsWithMessages : llmLogsOnly
    }
  }
]

resource doctorReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(apim.id, principalId, roleIds.reader)
  scope: apim
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.reader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
