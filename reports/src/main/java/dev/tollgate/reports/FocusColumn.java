package dev.tollgate.reports;

import java.util.Arrays;
import java.util.List;

/**
 * The columns of the FOCUS 1.2 cost file, in file order: the FOCUS columns Tollgate fills (every
 * mandatory one, the recommended ones and the conditional ones that apply), in the spec's
 * (alphabetical) order, then Tollgate's own {@code x_} columns. The one list the writer ({@link
 * FocusExport}) and readers share.
 */
public enum FocusColumn {
  AVAILABILITY_ZONE("AvailabilityZone"),
  BILLED_COST("BilledCost"),
  BILLING_ACCOUNT_ID("BillingAccountId"),
  BILLING_ACCOUNT_NAME("BillingAccountName"),
  BILLING_CURRENCY("BillingCurrency"),
  BILLING_PERIOD_END("BillingPeriodEnd"),
  BILLING_PERIOD_START("BillingPeriodStart"),
  CHARGE_CATEGORY("ChargeCategory"),
  CHARGE_CLASS("ChargeClass"),
  CHARGE_DESCRIPTION("ChargeDescription"),
  CHARGE_FREQUENCY("ChargeFrequency"),
  CHARGE_PERIOD_END("ChargePeriodEnd"),
  CHARGE_PERIOD_START("ChargePeriodStart"),
  CONSUMED_QUANTITY("ConsumedQuantity"),
  CONSUMED_UNIT("ConsumedUnit"),
  CONTRACTED_COST("ContractedCost"),
  CONTRACTED_UNIT_PRICE("ContractedUnitPrice"),
  EFFECTIVE_COST("EffectiveCost"),
  INVOICE_ID("InvoiceId"),
  INVOICE_ISSUER_NAME("InvoiceIssuerName"),
  LIST_COST("ListCost"),
  LIST_UNIT_PRICE("ListUnitPrice"),
  PRICING_CATEGORY("PricingCategory"),
  PRICING_QUANTITY("PricingQuantity"),
  PRICING_UNIT("PricingUnit"),
  PROVIDER_NAME("ProviderName"),
  PUBLISHER_NAME("PublisherName"),
  REGION_ID("RegionId"),
  REGION_NAME("RegionName"),
  RESOURCE_ID("ResourceId"),
  RESOURCE_NAME("ResourceName"),
  SERVICE_CATEGORY("ServiceCategory"),
  SERVICE_NAME("ServiceName"),
  SERVICE_SUBCATEGORY("ServiceSubcategory"),
  SKU_ID("SkuId"),
  SKU_METER("SkuMeter"),
  SKU_PRICE_ID("SkuPriceId"),
  SUB_ACCOUNT_ID("SubAccountId"),
  /** {@code apim.subscription_id}: the team. */
  X_APIM_SUBSCRIPTION_ID("x_ApimSubscriptionId"),
  /** {@code apim.product_id}. */
  X_APIM_PRODUCT_ID("x_ApimProductId"),
  /** {@code azure.openai.deployment}. */
  X_DEPLOYMENT("x_Deployment"),
  /** The model reported (response, else request model). */
  X_MODEL("x_Model"),
  /** A token class wire name, {@code usage} (no breakdown) or {@code ptu_allocation}. */
  X_CHARGE("x_Charge"),
  /** {@code tollgate.usage.source}: reported, estimated, none; empty for PTU rows. */
  X_USAGE_SOURCE("x_UsageSource"),
  /** {@code tollgate.price.ref}, or the PTU hour's price reference. */
  X_PRICE_REF("x_PriceRef"),
  /** Calls in the row; empty for PTU rows. */
  X_REQUESTS("x_Requests"),
  /** Always {@code computed}: Tollgate's figures, not Azure's billed ones. */
  X_COST_SOURCE("x_CostSource");

  private final String id;

  FocusColumn(String id) {
    this.id = id;
  }

  /** The column name in the file. */
  public String id() {
    return id;
  }

  public boolean custom() {
    return id.startsWith("x_");
  }

  /** Every column name, in file order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(FocusColumn::id).toList();
  }
}
