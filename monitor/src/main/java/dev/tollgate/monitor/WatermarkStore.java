package dev.tollgate.monitor;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import dev.tollgate.core.model.ItemIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics poller's watermark per resource and metric, one Table storage row each: the start of
 * the first minute not yet written. A run <i>claims</i> a row (an ETag-conditional write of its run
 * id and a lease end) before it reads and writes that metric, advances the watermark only after the
 * output was delivered, and releases the claim at the end. So two runs at once never write the same
 * minutes; a run that dies keeps its claim until the lease ends, and the next run then writes the
 * unadvanced minutes again, with the same item ids.
 */
public final class WatermarkStore {
  static final String PARTITION = "metrics";
  static final String RESOURCE_ID = "ResourceId";
  static final String METRIC = "Metric";
  static final String WATERMARK = "Watermark";
  static final String CLAIMED_BY = "ClaimedBy";
  static final String CLAIM_UNTIL = "ClaimUntil";

  /** A claimed row: whose, and the watermark it holds. Mutable: advanced in place. */
  public static final class Claim {
    private final String resourceId;
    private final String metric;
    private final String runId;
    private Instant watermark;
    private TableEntity entity;

    Claim(String resourceId, String metric, String runId, Instant watermark, TableEntity entity) {
      this.resourceId = resourceId;
      this.metric = metric;
      this.runId = runId;
      this.watermark = watermark;
      this.entity = entity;
    }

    public String resourceId() {
      return resourceId;
    }

    public String metric() {
      return metric;
    }

    public Instant watermark() {
      return watermark;
    }

    String runId() {
      return runId;
    }
  }

  private final TableClient table;

  /**
   * The store in {@code TOLLGATE_WATERMARK_TABLE} (default tollgatewatermarks) of the app's
   * storage.
   */
  public static WatermarkStore fromSettings(Map<String, String> env) {
    return new WatermarkStore(
        TableConnection.fromSettings(env)
            .table(
                Objects.requireNonNullElse(
                    MonitorSettings.get(env, MonitorSettings.WATERMARK_TABLE),
                    "tollgatewatermarks")));
  }

  public WatermarkStore(TableClient table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  static String rowKey(String resourceId, String metric) {
    return "h"
        + ItemIds.hash(ResourceIds.key(resourceId), metric.toLowerCase(java.util.Locale.ROOT));
  }

  /** The watermark, or null when the metric has none yet. */
  public Instant watermark(String resourceId, String metric) {
    TableEntity e = find(rowKey(resourceId, metric));
    return e == null ? null : instant(e.getProperty(WATERMARK));
  }

  /**
   * Claims the row of {@code (resourceId, metric)} for {@code runId} until {@code now + lease},
   * creating it at {@code initialWatermark} when missing.
   *
   * @return the claim, or null when another run holds it (or won the race for it)
   */
  public Claim claim(
      String resourceId,
      String metric,
      String runId,
      Instant now,
      Duration lease,
      Instant initialWatermark) {
    String rk = rowKey(resourceId, metric);
    TableEntity e = find(rk);
    if (e == null) {
      TableEntity fresh =
          new TableEntity(PARTITION, rk)
              .addProperty(RESOURCE_ID, ResourceIds.normalize(resourceId))
              .addProperty(METRIC, metric)
              .addProperty(WATERMARK, initialWatermark.toString())
              .addProperty(CLAIMED_BY, "")
              .addProperty(CLAIM_UNTIL, Instant.EPOCH.toString());
      try {
        table.createEntity(fresh);
      } catch (TableServiceException ex) {
        if (status(ex) != 409) {
          throw ex;
        }
      }
      e = find(rk);
      if (e == null) {
        return null;
      }
    }
    String holder = string(e.getProperty(CLAIMED_BY));
    Instant until = instant(e.getProperty(CLAIM_UNTIL));
    if (!holder.isEmpty() && !holder.equals(runId) && until != null && until.isAfter(now)) {
      return null;
    }
    e.addProperty(CLAIMED_BY, runId).addProperty(CLAIM_UNTIL, now.plus(lease).toString());
    if (!conditionalReplace(e)) {
      return null;
    }
    TableEntity mine = find(rk);
    if (mine == null || !runId.equals(string(mine.getProperty(CLAIMED_BY)))) {
      return null;
    }
    return new Claim(resourceId, metric, runId, instant(mine.getProperty(WATERMARK)), mine);
  }

  /**
   * Moves a claimed row's watermark to {@code to}, keeping the claim.
   *
   * @return false when the claim was lost (its lease ran out and another run took the row)
   */
  public boolean advance(Claim claim, Instant to) {
    TableEntity e = claim.entity;
    e.addProperty(WATERMARK, to.toString());
    if (!conditionalReplace(e)) {
      return false;
    }
    TableEntity now = find(e.getRowKey());
    if (now == null || !claim.runId().equals(string(now.getProperty(CLAIMED_BY)))) {
      return false;
    }
    claim.entity = now;
    claim.watermark = to;
    return true;
  }

  /** Gives a claim up (the watermark stays where it is); false when it was already lost. */
  public boolean release(Claim claim) {
    TableEntity e = claim.entity;
    e.addProperty(CLAIMED_BY, "").addProperty(CLAIM_UNTIL, Instant.EPOCH.toString());
    return conditionalReplace(e);
  }

  private boolean conditionalReplace(TableEntity e) {
    try {
      table.updateEntityWithResponse(e, TableEntityUpdateMode.REPLACE, true, null, null);
      return true;
    } catch (TableServiceException ex) {
      int s = status(ex);
      if (s == 412 || s == 404) {
        return false;
      }
      throw ex;
    }
  }

  private TableEntity find(String rowKey) {
    try {
      return table.getEntity(PARTITION, rowKey);
    } catch (TableServiceException ex) {
      if (status(ex) == 404) {
        return null;
      }
      throw ex;
    }
  }

  private static int status(TableServiceException ex) {
    return ex.getResponse() == null ? 0 : ex.getResponse().getStatusCode();
  }

  private static String string(Object o) {
    return o == null ? "" : o.toString();
  }

  private static Instant instant(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof java.time.OffsetDateTime t) {
      return t.toInstant();
    }
    String s = o.toString();
    return s.isEmpty() ? null : Instant.parse(s);
  }
}
