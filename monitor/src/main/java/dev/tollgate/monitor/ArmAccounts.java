package dev.tollgate.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Azure OpenAI / AI Services accounts named by settings, found through ARM: every account (kind
 * {@code OpenAI} or {@code AIServices}) in the configured subscriptions and resource groups, plus
 * the explicit resource ids. Each account's deployments come from the same API.
 */
public final class ArmAccounts implements AccountDirectory {
  /** The Cognitive Services management API version used. */
  public static final String API_VERSION = "2024-10-01";

  /** One deployment of an account as ARM describes it. */
  public record Deployment(
      String accountId,
      String name,
      String modelFormat,
      String modelName,
      String modelVersion,
      String skuName,
      Long capacity,
      String provisioningState) {}

  private final ArmRest arm;
  private final List<String> subscriptions;
  private final List<String> resourceGroups;
  private final List<String> accountIds;

  /**
   * @param resourceGroups {@code <subscription id>/<group>} each
   */
  public ArmAccounts(
      ArmRest arm,
      List<String> subscriptions,
      List<String> resourceGroups,
      List<String> accountIds) {
    this.arm = Objects.requireNonNull(arm, "arm");
    this.subscriptions = List.copyOf(subscriptions);
    this.resourceGroups = List.copyOf(resourceGroups);
    this.accountIds = accountIds.stream().map(ResourceIds::requireAccountId).toList();
    for (String rg : this.resourceGroups) {
      if (rg.split("/").length != 2) {
        throw new IllegalArgumentException(
            MonitorSettings.RESOURCE_GROUPS
                + " entries are <subscription id>/<resource group>, not '"
                + rg
                + "'");
      }
    }
  }

  /** True when settings name at least one place to look. */
  public boolean configured() {
    return !subscriptions.isEmpty() || !resourceGroups.isEmpty() || !accountIds.isEmpty();
  }

  @Override
  public List<Account> accounts() {
    Map<String, Account> out = new LinkedHashMap<>();
    for (String s : subscriptions) {
      for (JsonNode n :
          arm.list(
              arm.url(
                  "/subscriptions/" + s + "/providers/Microsoft.CognitiveServices/accounts",
                  API_VERSION))) {
        add(out, n);
      }
    }
    for (String rg : resourceGroups) {
      String[] p = rg.split("/");
      for (JsonNode n :
          arm.list(
              arm.url(
                  "/subscriptions/"
                      + p[0]
                      + "/resourceGroups/"
                      + p[1]
                      + "/providers/Microsoft.CognitiveServices/accounts",
                  API_VERSION))) {
        add(out, n);
      }
    }
    for (String id : accountIds) {
      if (!out.containsKey(ResourceIds.key(id))) {
        JsonNode n = arm.get(arm.url(id, API_VERSION));
        Account a = account(n);
        if (a != null) {
          out.put(ResourceIds.key(a.resourceId()), a);
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void add(Map<String, Account> out, JsonNode n) {
    String kind = n.path("kind").asText("");
    if (!kind.equalsIgnoreCase("OpenAI") && !kind.equalsIgnoreCase("AIServices")) {
      return;
    }
    Account a = account(n);
    if (a != null) {
      out.putIfAbsent(ResourceIds.key(a.resourceId()), a);
    }
  }

  static Account account(JsonNode n) {
    String id = n.path("id").asText(null);
    String location = n.path("location").asText(null);
    if (id == null || location == null) {
      return null;
    }
    return new Account(ResourceIds.normalize(id), location, n.path("kind").asText(null));
  }

  /** An account's deployments. */
  public List<Deployment> deployments(Account account) {
    List<Deployment> out = new ArrayList<>();
    for (JsonNode d : arm.list(arm.url(account.resourceId() + "/deployments", API_VERSION))) {
      JsonNode model = d.path("properties").path("model");
      JsonNode sku = d.path("sku");
      out.add(
          new Deployment(
              account.resourceId(),
              d.path("name").asText(null),
              text(model, "format"),
              text(model, "name"),
              text(model, "version"),
              text(sku, "name"),
              sku.hasNonNull("capacity") ? sku.get("capacity").asLong() : null,
              text(d.path("properties"), "provisioningState")));
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
