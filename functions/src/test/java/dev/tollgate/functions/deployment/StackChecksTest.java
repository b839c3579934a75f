package dev.tollgate.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.deployment.QueryUses.QueryUse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The review findings on the deployment stay fixed: each check runs on the real files (no problem)
 * and on a copy with the finding put back (the problem is reported).
 */
class StackChecksTest {
  private static final Path ROOT = Repo.root();
  private static final Path ALERTS = ROOT.resolve("bicep/modules/alerts.bicep");
  private static final Duration MAX_DELAY = Duration.ofMinutes(30);

  private static Map<Path, String> bicepFiles() {
    Map<Path, String> out = new LinkedHashMap<>();
    for (Path p : Repo.bicepFiles()) {
      out.put(p, Repo.read(p));
    }
    return out;
  }

  @Test
  void flexConsumptionGetsNoFtpsStateButPremiumDoesAndFtpIsOffByPolicy() {
    String app = Repo.read("bicep/modules/functionapp.bicep");
    assertThat(StackChecks.flexSiteConfig(app)).isEmpty();
    assertThat(new BicepText(app).varObject("premiumSiteConfig"))
        .containsEntry("ftpsState", "'Disabled'");
    assertThat(app).contains("name: 'ftp'\n  properties: {\n    allow: false");

    String broken =
        app.replace(
            "var flexSiteConfig = {\n  minTlsVersion: '1.2'\n",
            "var flexSiteConfig = {\n  minTlsVersion: '1.2'\n  ftpsState: 'Disabled'\n");
    assertThat(broken).isNotEqualTo(app);
    assertThat(StackChecks.flexSiteConfig(broken))
        .containsExactly("flexSiteConfig sets ftpsState, which Flex Consumption rejects");
  }

  @Test
  void llmMessagesAreLeftOutWhenOffNeverLoggedAsNone() {
    String apim = Repo.read("bicep/modules/apim-diagnostics.bicep");
    assertThat(StackChecks.llmLogging(apim)).isEmpty();
    assertThat(new BicepText(apim).varObject("llmLogsWithMessages"))
        .containsKeys("logs", "requests", "responses");

    String none = apim.replaceFirst("messages: 'all'", "messages: logLlmMessages ? 'all' : 'none'");
    assertThat(StackChecks.llmLogging(none))
        .anySatisfy(p -> assertThat(p).contains("'none'", "only value is 'all'"));
    String withRequests =
        apim.replace(
            "var llmLogsOnly = {\n  logs: 'enabled'\n}",
            "var llmLogsOnly = {\n  logs: 'enabled'\n  requests: {\n    maxSizeInBytes: 0\n  }\n}");
    assertThat(StackChecks.llmLogging(withRequests))
        .contains("llmLogsOnly (messages off) still sets requests or responses");
  }

  @Test
  void noRoleIsAssignedWhereAWiderOneAlreadyIs() {
    Map<Path, String> files = bicepFiles();
    assertThat(StackChecks.redundantRoles(files)).isEmpty();
    // Monitoring Reader alone on each account: its */read also lists the deployments.
    String account = files.get(ROOT.resolve("bicep/modules/openai-account.bicep"));
    assertThat(account).contains("roleIds.monitoringReader").doesNotContain("roleIds.reader");

    Path path = ROOT.resolve("bicep/modules/openai-account.bicep");
    String withReader =
        account.replace(
                "  monitoringReader: '43d0d8ad-25c7-4714-9337-8ba259a9fe05'\n",
                "  monitoringReader: '43d0d8ad-25c7-4714-9337-8ba259a9fe05'\n"
                    + "  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'\n")
            + "\nresource inventoryReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n"
            + "  name: guid(account.id, principalId, roleIds.reader)\n"
            + "  scope: account\n"
            + "  properties: {\n"
            + "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions',"
            + " roleIds.reader)\n"
            + "    principalId: principalId\n"
            + "    principalType: 'ServicePrincipal'\n"
            + "  }\n"
            + "}\n";
    assertThat(StackChecks.redundantRoles(Map.of(path, withReader)))
        .containsExactly(
            "openai-account.bicep: reader at account to principalId is already in monitoringReader");
  }

  @Test
  void everyAlertRuleQueriesWithItsOwnIdentityAllowedToReadItsScope() {
    String alerts = Repo.read(ALERTS);
    assertThat(StackChecks.alertIdentities(alerts)).isEmpty();
    assertThat(StackChecks.resources(alerts))
        .filteredOn(r -> r.type().equals("Microsoft.Insights/scheduledQueryRules"))
        .extracting(StackChecks.Resource::symbol)
        .containsExactly("rule", "workspaceRule");

    String noIdentity =
        alerts.replace(
            "    identity: {\n      type: 'SystemAssigned'\n    }\n    properties: {\n"
                + "      displayName: r.displayName",
            "    properties: {\n      displayName: r.displayName");
    assertThat(noIdentity).isNotEqualTo(alerts);
    assertThat(StackChecks.alertIdentities(noIdentity))
        .containsExactly(
            "alert rule rule has no system-assigned identity",
            "alert rule workspaceRule has no system-assigned identity");

    String noGrant = alerts.replace("principalId: rule[i].identity.principalId", "principalId: x");
    assertThat(StackChecks.alertIdentities(noGrant))
        .containsExactly("alert rule rule: its identity is granted no reader role to query with");

    String elsewhere =
        alerts.replace(
            "      scopes: [\n        appInsightsId\n      ]",
            "      scopes: [\n        workspaceId\n      ]");
    assertThat(elsewhere).isNotEqualTo(alerts);
    assertThat(StackChecks.alertIdentities(elsewhere))
        .singleElement()
        .asString()
        .contains("reads appInsights, not what the rule queries");

    // The rules over the accounts' logs read the workspace: a grant on Application Insights is not
    // enough.
    String wrongGrant = alerts.replace("    scope: workspace\n", "    scope: appInsights\n");
    assertThat(wrongGrant).isNotEqualTo(alerts);
    assertThat(StackChecks.alertIdentities(wrongGrant))
        .singleElement()
        .asString()
        .contains("workspaceRule", "reads appInsights, not what the rule queries");
  }

  private static List<QueryUse> rules() {
    return QueryUses.read(ALERTS, "rules");
  }

  @Test
  void everyAlertRuleJudgesTheLastCompleteBinOfItsOwnFrequency() {
    List<QueryUse> rules = rules();
    assertThat(StackChecks.alertWindows(rules, MAX_DELAY)).isEmpty();
    // The longest delay the rules allow for is the one main.bicep and alerts.bicep allow.
    for (String file : List.of("bicep/main.bicep", "bicep/modules/alerts.bicep")) {
      assertThat(Repo.read(file))
          .contains("@maxValue(" + MAX_DELAY.toMinutes() + ")\nparam alertIngestionDelayMinutes");
    }
    // Only the timer rule is exempt, and every other rule is checked.
    assertThat(rules)
        .filteredOn(
            r -> StackChecks.UNBINNED_RULES.containsKey(r.queryFile().getFileName().toString()))
        .hasSize(1);

    QueryUse errorRate = byFile(rules, "error-rate.kql");
    QueryUse deadLetters = byFile(rules, "alert-dead-letters-and-lag.kql");
    QueryUse spike = byFile(rules, "alert-content-filter-spike.kql");

    // The old form: every 5 minutes over 15, and a rolling window that cuts bins in two.
    QueryUse overlapping = with(errorRate, "frequency", "'PT5M'");
    QueryUse rolling =
        new QueryUse(
            errorRate.bicepFile(),
            errorRate.label(),
            errorRate.loadPath(),
            errorRate.queryFile(),
            errorRate.lets(),
            errorRate.suffix().substring(errorRate.suffix().indexOf('\n') + 1),
            errorRate.properties());
    QueryUse noEnd =
        new QueryUse(
            deadLetters.bicepFile(),
            deadLetters.label(),
            deadLetters.loadPath(),
            deadLetters.queryFile(),
            List.of("let window = 15m;", "let end_time = now();"),
            "",
            deadLetters.properties());
    QueryUse shortRange = with(spike, "timeRange", "'P1D'");

    assertThat(StackChecks.alertWindows(List.of(overlapping), MAX_DELAY))
        .anySatisfy(p -> assertThat(p).contains("runs every PT5M over PT15M"));
    assertThat(StackChecks.alertWindows(List.of(rolling), MAX_DELAY))
        .anySatisfy(p -> assertThat(p).contains("does not keep only the last complete 15m bin"));
    assertThat(StackChecks.alertWindows(List.of(noEnd), MAX_DELAY))
        .anySatisfy(p -> assertThat(p).contains("end_time now() is not the end of a complete 15m"));
    assertThat(StackChecks.alertWindows(List.of(shortRange), MAX_DELAY))
        .anySatisfy(p -> assertThat(p).contains("timeRange PT24H does not reach back PT26H30M"));
  }

  private static QueryUse byFile(List<QueryUse> rules, String file) {
    return rules.stream()
        .filter(r -> r.queryFile().getFileName().toString().equals(file))
        .findFirst()
        .orElseThrow();
  }

  private static QueryUse with(QueryUse use, String property, String value) {
    Map<String, String> props = new LinkedHashMap<>(use.properties());
    props.put(property, value);
    return new QueryUse(
        use.bicepFile(),
        use.label(),
        use.loadPath(),
        use.queryFile(),
        use.lets(),
        use.suffix(),
        props);
  }

  @Test
  void whatTheStackCreatesInSharedResourceGroupsIsNamedAfterIt() {
    Map<Path, String> files = bicepFiles();
    String main = Repo.read("bicep/main.bicep");
    assertThat(StackChecks.sharedNames(main, files)).isEmpty();

    String fixedDeployment =
        main.replace("  name: '${names.deployment}-apim-diagnostics'", "  name: 'tollgate-apim'");
    assertThat(StackChecks.sharedNames(fixedDeployment, files))
        .containsExactly(
            "module apimDiagnostics is deployed as 'tollgate-apim', not names.deployment-*");
    String fixedLoop =
        main.replace(
            "    name: '${names.deployment}-openai-${i}'", "    name: 'tollgate-openai-${i}'");
    assertThat(StackChecks.sharedNames(fixedLoop, files))
        .singleElement()
        .asString()
        .contains("module openAiAccounts");
    String fixedSetting =
        main.replaceFirst(
            "param diagnosticSettingName string = '[^\\n]*",
            "param diagnosticSettingName string = 'tollgate'");
    assertThat(StackChecks.sharedNames(fixedSetting, files))
        .containsExactly("diagnosticSettingName's default 'tollgate' does not include baseName");

    Path account = ROOT.resolve("bicep/modules/openai-account.bicep");
    Map<Path, String> literal = new LinkedHashMap<>(files);
    literal.put(
        account, files.get(account).replace("name: diagnosticSettingName", "name: 'tollgate'"));
    assertThat(StackChecks.sharedNames(main, literal))
        .containsExactly(
            "openai-account.bicep: diagnostic setting logs is named 'tollgate', not diagnosticSettingName");
  }

  @Test
  void theDeploymentGuideSaysToRegisterTheProvidersFlexNeeds() {
    String guide = Repo.read("bicep/README.md");
    String prerequisites =
        guide.substring(guide.indexOf("## Prerequisites"), guide.indexOf("## Deploy"));
    assertThat(prerequisites)
        .contains("az provider register --namespace Microsoft.App")
        .contains("az provider register --namespace Microsoft.Web");
  }
}
