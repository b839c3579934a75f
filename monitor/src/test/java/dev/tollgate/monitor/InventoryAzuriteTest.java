package dev.tollgate.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.azure.testing.Azurite;
import dev.tollgate.azure.testing.AzuriteExtension;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import dev.tollgate.monitor.testing.LocalAzure;
import dev.tollgate.monitor.testing.LocalTls;
import dev.tollgate.monitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class InventoryAzuriteTest {
  static final String SUB = "99999999-2222-3333-4444-555555555555";
  static final String EAST =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg-a/providers/Microsoft.CognitiveServices/accounts/east";
  static final String PTU =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/rg-b/providers/Microsoft.CognitiveServices/accounts/ptu";
  static final Map<String, List<String>> METRICS =
      Map.of("AzureOpenAIRequests", List.of("ModelDeploymentName"));

  @Test
  void accountsOfTheSubscriptionAndTheirDeploymentsAreStoredAndPriceByTheRealModel(Azurite azurite)
      throws Exception {
    try (LocalAzure azure = LocalAzure.start()) {
      azure.account(
          new LocalAzure.AccountSpec(
              EAST,
              "eastus",
              "OpenAI",
              METRICS,
              List.of(
                  new LocalAzure.Deployment(
                      "chat", "gpt-4o", "2024-08-06", "DataZoneStandard", 150, List.of()),
                  new LocalAzure.Deployment(
                      "old", "gpt-35-turbo", "0125", "Standard", 10, List.of()))));
      azure.account(
          new LocalAzure.AccountSpec(
              PTU,
              "swedencentral",
              "AIServices",
              METRICS,
              List.of(
                  new LocalAzure.Deployment(
                      "chat-ptu", "gpt-4o", "2024-11-20", "ProvisionedManaged", 50, List.of()))));
      Jobs jobs =
          Jobs.create(
              azure.endpoint(),
              azure.endpoint(),
              List.of(SUB),
              List.of(),
              List.of(),
              LocalTls.CREDENTIAL,
              LocalTls.get().httpClient(),
              0,
              Duration.ZERO);
      DeploymentInventory inventory =
          new DeploymentInventory(
              TableConnection.ofConnectionString(azurite.connectionString())
                  .table("inv" + Long.toHexString(System.nanoTime())));
      MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
      InventoryHandler handler = new InventoryHandler(jobs.accounts(), inventory, null, clock);

      InventoryHandler.Report r = handler.run(Logger.getAnonymousLogger());

      assertThat(r.accounts()).isEqualTo(2);
      assertThat(r.deployments()).isEqualTo(3);
      DeploymentInventory.Snapshot s = inventory.snapshot();
      assertThat(s.accounts())
          .extracting(Account::location)
          .containsExactlyInAnyOrder("eastus", "swedencentral");
      DeploymentInventory.Entry chat = s.find("CHAT", null).orElseThrow();
      assertThat(chat.model()).isEqualTo(new ModelId("gpt-4o", "2024-08-06"));
      assertThat(chat.sku()).isEqualTo("DataZoneStandard");
      assertThat(chat.capacity()).isEqualTo(150);
      assertThat(chat.account()).isEqualTo("east");
      // What enrichment takes: deployment types by name, as EnrichOptions.deploymentTypes.
      EnrichOptions options =
          new EnrichOptions(false, null, DeploymentType.GLOBAL, s.deploymentTypes());
      assertThat(options.deploymentTypeOf("chat")).isEqualTo(DeploymentType.DATA_ZONE);
      assertThat(options.deploymentTypeOf("chat-ptu")).isEqualTo(DeploymentType.PROVISIONED);
      assertThat(options.deploymentTypeOf("old")).isEqualTo(DeploymentType.REGIONAL);
      assertThat(s.models()).containsEntry("old", new ModelId("gpt-35-turbo", "0125"));

      // A deployment deleted in Azure disappears on the next run.
      azure.account(
          new LocalAzure.AccountSpec(
              EAST,
              "eastus",
              "OpenAI",
              METRICS,
              List.of(
                  new LocalAzure.Deployment(
                      "chat", "gpt-4o", "2024-08-06", "DataZoneStandard", 150, List.of()))));
      clock.advance(Duration.ofHours(1));
      assertThat(handler.run(Logger.getAnonymousLogger()).removed()).isEqualTo(1);
      assertThat(inventory.snapshot().find("old", null)).isEmpty();
    }
  }

  @Test
  void aNameTwoAccountsDisagreeAboutIsNotGuessed() {
    var a =
        new DeploymentInventory.Entry(
            EAST,
            "east",
            "eastus",
            "chat",
            "gpt-4o",
            "2024-08-06",
            "GlobalStandard",
            1L,
            DeploymentType.GLOBAL,
            null);
    var b =
        new DeploymentInventory.Entry(
            PTU,
            "ptu",
            "swedencentral",
            "chat",
            "gpt-4o",
            "2024-11-20",
            "ProvisionedManaged",
            1L,
            DeploymentType.PROVISIONED,
            null);
    var s = new DeploymentInventory.Snapshot(List.of(a, b), List.of());
    assertThat(s.find("chat", null)).isEmpty();
    assertThat(s.find("chat", "ptu")).contains(b);
    assertThat(s.deploymentTypes()).doesNotContainKey("chat");
  }
}
