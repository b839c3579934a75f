package dev.tollgate.core.enrich;

import dev.tollgate.core.model.Caller;
import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.CostStatus;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.ModelFacts;
import dev.tollgate.core.model.Origin;
import dev.tollgate.core.model.Outcome;
import dev.tollgate.core.model.Pricing;
import dev.tollgate.core.model.Route;
import dev.tollgate.core.parse.GatewayRecord;
import dev.tollgate.core.price.CostCalculator;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import java.util.List;

/**
 * Turns one Azure OpenAI resource-log record into an {@link LlmRequest}. Without token counts it is
 * counted, not priced ({@link CostStatus#USAGE_NOT_LOGGED}); a record with counts is priced at the
 * model and version the account says it served.
 */
final class ResourceLogEnricher {
  /** {@code tollgate.price.source} of a price looked up with the record's own model and version. */
  static final String PRICE_SOURCE = "resource_log";

  private final CostCalculator costs;
  private final EnrichOptions options;

  ResourceLogEnricher(CostCalculator costs, EnrichOptions options) {
    this.costs = costs;
    this.options = options;
  }

  LlmRequest enrich(GatewayRecord r) throws EnrichmentException {
    ResourceLogFacts f = ResourceLogFacts.read(r, options.maskClientIp());
    ResourceLogNames.Inference inference = f.inference();
    return LlmRequest.builder()
        .origin(
            Origin.builder()
                .time(f.time())
                .itemId(f.itemId())
                .correlationId(f.correlationId())
                .category(f.category())
                .resourceId(f.resourceId())
                .region(f.region())
                .position(r.position())
                .unmapped(f.unmapped())
                .build())
        .route(
            Route.builder()
                .llm(f.llm())
                .operationName(inference == null ? null : inference.operationName())
                .api(inference == null ? null : inference.api())
                .account(f.account())
                .deployment(f.deployment())
                .apiVersion(f.apiVersion())
                .stream(f.stream())
                .azureOperation(f.azureOperation())
                .build())
        .model(
            ModelFacts.builder()
                .responseModel(f.modelName())
                .modelVersion(f.modelVersion())
                .build())
        .usage(f.usage())
        .price(price(f))
        .caller(Caller.builder().clientAddress(f.clientAddress()).endUser(f.endUser()).build())
        .outcome(
            Outcome.builder()
                .statusCode(f.statusCode())
                .errorType(f.errorType())
                .contentFilter(List.of())
                .finishReasons(List.of())
                .durationMs(f.durationMs())
                .build())
        .build();
  }

  private Pricing price(ResourceLogFacts f) {
    if (!f.llm()) {
      return Pricing.NOT_APPLICABLE;
    }
    if (f.usage() == null) {
      return Pricing.of(Cost.of(CostStatus.USAGE_NOT_LOGGED));
    }
    ModelId inventoried = options.deploymentModel(f.deployment());
    ModelId model = inventoried != null ? inventoried : served(f);
    DeploymentType type = options.deploymentTypeOf(f.deployment());
    return Pricing.builder()
        .pricedModel(model == null ? null : model.toString())
        .priceSource(model == null ? null : inventoried != null ? "inventory" : PRICE_SOURCE)
        .deploymentType(type.wireName())
        .cost(costs.cost(model, type, f.time(), f.usage()))
        .build();
  }

  /** The model and version the account logged, e.g. {@code gpt-4o} and {@code 2024-11-20}. */
  private static ModelId served(ResourceLogFacts f) {
    ModelId name = ModelId.parse(f.modelName() != null ? f.modelName() : f.deployment());
    if (name == null || f.modelVersion() == null) {
      return name;
    }
    return new ModelId(name.name(), f.modelVersion().strip().toLowerCase(java.util.Locale.ROOT));
  }
}
