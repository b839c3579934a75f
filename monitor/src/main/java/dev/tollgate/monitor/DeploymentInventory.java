package dev.tollgate.monitor;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts and their deployments (model name and version, SKU, capacity) as last read from ARM,
 * kept in Table storage: partition {@code accounts} (one row per account) and {@code deployments}
 * (one row per account and deployment). Read back as a {@link Snapshot}, which is what enrichment
 * needs to price a deployment by its real model, version and deployment type.
 */
public final class DeploymentInventory {
  static final String ACCOUNTS = "accounts";
  static final String DEPLOYMENTS = "deployments";

  /** One deployment as stored. {@code deploymentType} is the SKU in Tollgate's terms, or null. */
  public record Entry(
      String accountId,
      String account,
      String location,
      String deployment,
      String modelName,
      String modelVersion,
      String sku,
      Long capacity,
      DeploymentType deploymentType,
      Instant seenAt) {

    /** The model with its version, as the price catalog reads it. */
    public ModelId model() {
      if (modelName == null) {
        return null;
      }
      ModelId parsed = ModelId.parse(modelName);
      return modelVersion == null || modelVersion.isBlank()
          ? parsed
          : new ModelId(parsed.name(), modelVersion.toLowerCase(Locale.ROOT));
    }
  }

  /** The whole inventory at one moment. */
  public static final class Snapshot {
    private final List<Entry> entries;
    private final List<Account> accounts;

    Snapshot(List<Entry> entries, List<Account> accounts) {
      this.entries = List.copyOf(entries);
      this.accounts = List.copyOf(accounts);
    }

    public List<Entry> entries() {
      return entries;
    }

    public List<Account> accounts() {
      return accounts;
    }

    /**
     * The deployment of that name; empty when unknown, or when accounts disagree about it (the
     * gateway record does not say which account served a call) unless {@code account} names one.
     */
    public Optional<Entry> find(String deployment, String account) {
      if (deployment == null) {
        return Optional.empty();
      }
      List<Entry> matches = new ArrayList<>();
      for (Entry e : entries) {
        if (e.deployment().equalsIgnoreCase(deployment)
            && (account == null || e.account().equalsIgnoreCase(account))) {
          matches.add(e);
        }
      }
      if (matches.isEmpty()) {
        return Optional.empty();
      }
      Entry first = matches.get(0);
      for (Entry e : matches) {
        if (!Objects.equals(e.model(), first.model())
            || e.deploymentType() != first.deploymentType()) {
          return Optional.empty();
        }
      }
      return Optional.of(first);
    }

    /**
     * Deployment name (lower case) to deployment type, for {@code EnrichOptions.deploymentTypes}
     * (names the accounts disagree about are left out).
     */
    public Map<String, DeploymentType> deploymentTypes() {
      Map<String, DeploymentType> out = new HashMap<>();
      for (String name : names()) {
        find(name, null)
            .filter(e -> e.deploymentType() != null)
            .ifPresent(e -> out.put(name, e.deploymentType()));
      }
      return Map.copyOf(out);
    }

    /** Deployment name (lower case) to its model and version (names in dispute left out). */
    public Map<String, ModelId> models() {
      Map<String, ModelId> out = new HashMap<>();
      for (String name : names()) {
        find(name, null).map(Entry::model).ifPresent(m -> out.put(name, m));
      }
      return Map.copyOf(out);
    }

    private Set<String> names() {
      Set<String> names = new HashSet<>();
      entries.forEach(e -> names.add(e.deployment().toLowerCase(Locale.ROOT)));
      return names;
    }
  }

  private final TableClient table;

  public DeploymentInventory(TableClient table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  static String rowKey(String... parts) {
    String[] lower = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      lower[i] = parts[i] == null ? "" : parts[i].toLowerCase(Locale.ROOT);
    }
    return "h" + ItemIds.hash(lower);
  }

  /**
   * Replaces what is stored about {@code account} with {@code deployments}: new and changed ones
   * are written, ones no longer there removed.
   *
   * @return how many deployment rows were removed
   */
  public int put(Account account, List<ArmAccounts.Deployment> deployments, Instant now) {
    table.upsertEntityWithResponse(
        new TableEntity(ACCOUNTS, rowKey(account.resourceId()))
            .addProperty("AccountId", account.resourceId())
            .addProperty("Location", account.location())
            .addProperty("Kind", account.kind() == null ? "" : account.kind())
            .addProperty("SeenAt", now.toString()),
        TableEntityUpdateMode.REPLACE,
        null,
        null);
    Set<String> keep = new HashSet<>();
    for (ArmAccounts.Deployment d : deployments) {
      String rk = rowKey(account.resourceId(), d.name());
      keep.add(rk);
      DeploymentType type = type(d.skuName());
      TableEntity e =
          new TableEntity(DEPLOYMENTS, rk)
              .addProperty("AccountId", account.resourceId())
              .addProperty("Account", account.name())
              .addProperty("Location", account.location())
              .addProperty("Deployment", d.name())
              .addProperty("ModelFormat", nz(d.modelFormat()))
              .addProperty("ModelName", nz(d.modelName()))
              .addProperty("ModelVersion", nz(d.modelVersion()))
              .addProperty("Sku", nz(d.skuName()))
              .addProperty("DeploymentType", type == null ? "" : type.wireName())
              .addProperty("ProvisioningState", nz(d.provisioningState()))
              .addProperty("SeenAt", now.toString());
      if (d.capacity() != null) {
        e.addProperty("Capacity", d.capacity());
      }
      table.upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, null);
    }
    int removed = 0;
    String filter =
        "PartitionKey eq '"
            + DEPLOYMENTS
            + "' and AccountId eq '"
            + account.resourceId().replace("'", "''")
            + "'";
    for (TableEntity e :
        table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null)) {
      if (!keep.contains(e.getRowKey())) {
        table.deleteEntity(e.getPartitionKey(), e.getRowKey());
        removed++;
      }
    }
    return removed;
  }

  /** Everything stored. */
  public Snapshot snapshot() {
    List<Entry> entries = new ArrayList<>();
    Map<String, Account> accounts = new LinkedHashMap<>();
    for (TableEntity e : table.listEntities()) {
      if (ACCOUNTS.equals(e.getPartitionKey())) {
        Account a =
            new Account(
                str(e, "AccountId"),
                str(e, "Location"),
                str(e, "Kind").isEmpty() ? null : str(e, "Kind"));
        accounts.put(ResourceIds.key(a.resourceId()), a);
      } else if (DEPLOYMENTS.equals(e.getPartitionKey())) {
        Object cap = e.getProperty("Capacity");
        String type = str(e, "DeploymentType");
        entries.add(
            new Entry(
                str(e, "AccountId"),
                str(e, "Account"),
                str(e, "Location"),
                str(e, "Deployment"),
                blankToNull(str(e, "ModelName")),
                blankToNull(str(e, "ModelVersion")),
                blankToNull(str(e, "Sku")),
                cap instanceof Number n ? n.longValue() : null,
                type.isEmpty() ? null : DeploymentType.parse(type),
                blankToNull(str(e, "SeenAt")) == null ? null : Instant.parse(str(e, "SeenAt"))));
      }
    }
    return new Snapshot(entries, new ArrayList<>(accounts.values()));
  }

  /** The SKU as a deployment type; null for a SKU the price catalog has no notion of. */
  static DeploymentType type(String sku) {
    try {
      return DeploymentType.parse(sku);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String str(TableEntity e, String name) {
    Object o = e.getProperty(name);
    return o == null ? "" : o.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
