package dev.tollgate.core.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What Azure billed one Azure OpenAI account on one UTC day for one meter, from the Cost Management
 * Query API or a cost export. Both sources produce these, so one reconciliation serves both.
 *
 * @param account the account name, lower case (the last segment of {@code resourceId})
 * @param resourceId the account's ARM id as billed (case as given)
 * @param day the charge's UTC day
 * @param meter Azure's meter name as billed (e.g. {@code gpt 4.1 Inp glbl Tokens})
 * @param meterClass what the meter bills, {@link MeterClass#OTHER} when unknown
 * @param costUsd the billed amount in USD (billing currency converted by the source when it says
 *     how), exact
 * @param amortized true for amortized cost (reservations spread over their term), false for actual
 * @param source where the row came from (file and line, or query scope), for audits
 */
public record BilledCharge(
    String account,
    String resourceId,
    LocalDate day,
    String meter,
    MeterClass meterClass,
    BigDecimal costUsd,
    boolean amortized,
    String source) {

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BilledCharge} by name. */
  public static final class Builder {
    private String account;
    private String resourceId;
    private LocalDate day;
    private String meter;
    private MeterClass meterClass = MeterClass.OTHER;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private boolean amortized;
    private String source;

    private Builder() {}

    public Builder account(String v) {
      account = v;
      return this;
    }

    public Builder resourceId(String v) {
      resourceId = v;
      return this;
    }

    public Builder day(LocalDate v) {
      day = v;
      return this;
    }

    public Builder meter(String v) {
      meter = v;
      return this;
    }

    public Builder meterClass(MeterClass v) {
      meterClass = v;
      return this;
    }

    public Builder costUsd(BigDecimal v) {
      costUsd = v;
      return this;
    }

    public Builder amortized(boolean v) {
      amortized = v;
      return this;
    }

    public Builder source(String v) {
      source = v;
      return this;
    }

    public BilledCharge build() {
      return new BilledCharge(
          account, resourceId, day, meter, meterClass, costUsd, amortized, source);
    }
  }
}
