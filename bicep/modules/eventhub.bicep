// The Event Hub APIM streams its gateway logs to, with a consumer group of Tollgate's own.
//
// Local (SAS) authentication stays enabled on the namespace for one reason: an Azure Monitor diagnostic
// setting can stream to Event Hubs only through a namespace authorization rule (Manage, Send, Listen).
// Tollgate itself never reads a key; it connects with its managed identity (Azure Event Hubs Data
// Receiver on the hub, roles.bicep).

param location string
param namespaceName string
param eventHubName string
param consumerGroupName string

@description('Throughput units of the Standard namespace (auto-inflate can raise it up to maximumThroughputUnits).')
@minValue(1)
@maxValue(40)
param capacity int

@minValue(1)
@maxValue(40)
param maximumThroughputUnits int

@description('Partitions of the hub; Tollgate runs at most one function instance per partition.')
@minValue(1)
@maxValue(32)
param partitionCount int

@description('Hours events stay in the hub (Standard: at most 168); how long a failing batch can keep being retried.')
@minValue(1)
@maxValue(168)
param retentionHours int

param tags object

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    // Basic has only the $Default consumer group; Tollgate needs one of its own.
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
    isAutoInflateEnabled: maximumThroughputUnits > capacity
    maximumThroughputUnits: maximumThroughputUnits > capacity ? maximumThroughputUnits : 0
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: partitionCount
    retentionDescription: {
      cleanupPolicy: 'Delete'
      retentionTimeInHours: retentionHours
    }
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
  properties: {
    userMetadata: 'Tollgate (Azure Functions Event Hubs trigger); not to be shared with other readers.'
  }
}

// Used only by the APIM diagnostic setting. Diagnostic settings require Manage, Send and Listen.
resource diagnosticsRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: namespace
  name: 'apim-diagnostics'
  properties: {
    rights: [
      'Manage'
      'Send'
      'Listen'
    ]
  }
}

output namespaceId string = namespace.id
output namespaceName string = namespace.name
@description('Host name of the namespace, e.g. my-ns.servicebus.windows.net (cloud-independent).')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output eventHubId string = hub.id
output eventHubName string = hub.name
output consumerGroupName string = consumerGroup.name
output diagnosticsRuleId string = diagnosticsRule.id
