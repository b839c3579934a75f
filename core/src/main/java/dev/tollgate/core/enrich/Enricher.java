package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.json.PartialJson;
import dev.tollgate.core.model.Caller;
import dev.tollgate.core.model.CapturedContent;
import dev.tollgate.core.model.Cost;
import dev.tollgate.core.model.ErrorType;
import dev.tollgate.core.model.ItemIds;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.model.ModelFacts;
import dev.tollgate.core.model.Origin;
import dev.tollgate.core.model.Outcome;
import dev.tollgate.core.model.Pricing;
import dev.tollgate.core.model.Route;
import dev.tollgate.core.model.TokenUsage;
import dev.tollgate.core.model.UsageSource;
import dev.tollgate.core.parse.GatewayRecord;
import dev.tollgate.core.price.CostCalculator;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.ModelId;
import dev.tollgate.core.price.ServiceTier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one GatewayLogs record (or, through {@link ResourceLogEnricher}, an Azure OpenAI
 * resource-log record) into an {@link LlmRequest}. Thread-safe; holds no per-record state.
 */
public final class Enricher {
  private final CostCalculator costs;
  private final TokenEstimator estimator;
  private final EnrichOptions options;
  private final ResourceLogEnricher resourceLogs;

  public Enricher(CostCalculator costs, TokenEstimator estimator, EnrichOptions options) {
    this.costs = costs;
    this.estimator = estimator;
    this.options = options;
    this.resourceLogs = new ResourceLogEnricher(costs, options);
  }

  public LlmRequest enrich(GatewayRecord r) throws EnrichmentException {
    if (r.isResourceLog()) {
      return resourceLogs.enrich(r);
    }
    Instant time = Times.parse(r.top("time"));
    if (time == null) {
      time = r.enqueuedTime();
    }
    if (time == null) {
      throw new EnrichmentException(
          "invalid_time", "the record's time '" + r.top("time") + "' is not an ISO-8601 timestamp");
    }
    String correlationId = r.top("correlationId");
    String itemId = ItemIds.forRequest(correlationId, correlationId == null ? r.raw() : null);
    ApiRoute route = ApiRoute.parse(r.prop("backendUrl"));
    if (route == null) {
      route = ApiRoute.parse(r.prop("url"));
    }
    Integer status = statusOf(r);
    JsonNode lastError = r.propNode("lastError");
    Caller caller = caller(r);
    Long duration = nonNegative(r.topLong("durationMs"));
    Long backend = nonNegative(r.propLong("backendTime"));
    boolean cut = "true".equalsIgnoreCase(r.top("truncated"));

    Origin.Builder origin =
        Origin.builder()
            .time(time)
            .itemId(itemId)
            .correlationId(correlationId)
            .category(r.category())
            .resourceId(r.top("resourceId"))
            .region(r.top("location"))
            .position(r.position());
    Outcome.Builder outcome =
        Outcome.builder().statusCode(status).durationMs(duration).backendMs(backend);

    // the account behind the gateway, so its own resource logs can be compared with these
    String account = OpenAiAccount.fromUrl(r.prop("backendUrl"));

    if (route == null) {
      return LlmRequest.builder()
          .origin(origin.truncated(cut).build())
          .route(Route.builder().account(account).build())
          .caller(caller)
          .outcome(outcome.errorType(Outcomes.classify(status, null, List.of(), lastError)).build())
          .build();
    }

    String responseBody = first(r.prop("responseBody"), r.prop("backendResponseBody"));
    ResponseFacts resp = ResponseFacts.read(responseBody);
    String requestBody = first(r.prop("requestBody"), r.prop("backendRequestBody"));
    // The prompt is read only when its tokens may be counted or its text captured.
    boolean promptNeeded =
        resp == null || resp.reported == null || options.captureContentChars() > 0;
    RequestFacts req = RequestFacts.read(requestBody, promptNeeded);
    String requestModel = req == null ? null : req.model;
    String deployment = route.deployment() != null ? route.deployment() : requestModel;
    String responseModel = resp == null ? null : resp.model;
    Boolean stream =
        req != null && req.stream != null
            ? req.stream
            : (resp != null && resp.stream ? Boolean.TRUE : null);
    String modelForPrice = first(responseModel, first(requestModel, deployment));
    // The inventory knows the real model and version; response bodies are often version-less.
    ModelId inventoried = options.deploymentModel(deployment);
    String priceSource =
        inventoried != null
            ? "inventory"
            : responseModel != null ? "response" : requestModel != null ? "request" : "deployment";
    cut |= (req != null && !req.complete) || (resp != null && !resp.complete);

    TokenUsage usage = usage(r, route, status, req, resp, modelForPrice, requestBody, responseBody);
    DeploymentType type = options.deploymentTypeOf(deployment);
    ModelId model = inventoried != null ? inventoried : ModelId.parse(modelForPrice);
    usage = costs.checked(model, usage);
    String requestTier = req == null ? null : req.serviceTier;
    String responseTier = resp == null ? null : resp.serviceTier;
    Cost cost = costs.cost(model, type, time, usage, ServiceTier.of(responseTier, requestTier));

    List<String> finish = resp == null ? List.of() : new ArrayList<>(resp.finishReasons);
    List<String> filters = resp == null ? List.of() : new ArrayList<>(resp.contentFilter);
    ErrorType error =
        Outcomes.classify(status, resp == null ? null : resp.errorCode, finish, lastError);
    return LlmRequest.builder()
        .origin(origin.truncated(cut).build())
        .route(
            Route.builder()
                .llm(true)
                .operationName(route.operationName())
                .api(route.api())
                .account(account)
                .deployment(deployment)
                .apiVersion(route.apiVersion())
                .stream(stream)
                .build())
        .model(
            ModelFacts.builder()
                .requestModel(requestModel)
                .responseModel(responseModel)
                .modelVersion(versionOf(responseModel))
                .responseId(resp == null ? null : resp.id)
                .requestServiceTier(requestTier)
                .responseServiceTier(responseTier)
                .build())
        .usage(usage)
        .price(
            Pricing.builder()
                .pricedModel(model == null ? null : model.toString())
                .priceSource(model == null ? null : priceSource)
                .deploymentType(type.wireName())
                .cost(cost)
                .build())
        .caller(caller)
        .outcome(outcome.errorType(error).contentFilter(filters).finishReasons(finish).build())
        .content(captured(req, resp))
        .build();
  }

  private CapturedContent captured(RequestFacts req, ResponseFacts resp) {
    int max = options.captureContentChars();
    if (max <= 0) {
      return null;
    }
    return new CapturedContent(
        req == null ? null : Redactor.redact(req.inputText(), max),
        resp == null ? null : Redactor.redact(resp.outputText(), max));
  }

  private TokenUsage usage(
      GatewayRecord r,
      ApiRoute route,
      Integer status,
      RequestFacts req,
      ResponseFacts resp,
      String model,
      String requestBody,
      String responseBody) {
    boolean embeddings = "embeddings".equals(route.api());
    if (resp != null && resp.reported != null) {
      TokenUsage u = resp.reported;
      if (embeddings && u.plausible() && u.outputTokens() == null) {
        return u.toBuilder().outputTokens(0L).build();
      }
      if ("images".equals(route.api()) && u.plausible() && u.imageOutputTokens() == null) {
        // The Images API's output_tokens are the image's tokens, billed at the image rate.
        return u.toBuilder().imageOutputTokens(u.outputTokens()).build();
      }
      return u;
    }
    boolean succeeded = status == null || (status >= 200 && status < 300);
    boolean hasText =
        (req != null && req.hasText()) || (resp != null && !resp.outputText().isEmpty());
    if (!succeeded || !hasText) {
      return TokenUsage.NONE;
    }
    EncodingType enc = TokenEstimator.encodingFor(model);
    Long input = null;
    if (req != null && req.hasText()) {
      long seen = req.estimateInput(estimator, enc);
      input = req.complete ? seen : scale(seen, requestBody, r.propLong("requestSize"));
    }
    Long output = embeddings ? Long.valueOf(0) : null;
    if (!embeddings && resp != null) {
      long seen = estimator.count(resp.outputText(), enc);
      output = resp.complete ? seen : scale(seen, responseBody, r.propLong("responseSize"));
    }
    return new TokenUsage(input, output, null, null, UsageSource.ESTIMATED);
  }

  /**
   * Extrapolates a count taken over a cut body to the whole body, by the ratio of the size APIM
   * logged for the message to the bytes that were kept.
   */
  private static long scale(long seen, String visible, Long totalBytes) {
    if (visible == null || totalBytes == null) {
      return seen;
    }
    long kept = visible.getBytes(StandardCharsets.UTF_8).length;
    if (kept == 0 || totalBytes <= kept) {
      return seen;
    }
    return Math.round(seen * ((double) totalBytes / kept));
  }

  private Caller caller(GatewayRecord r) {
    String ip = r.top("callerIpAddress");
    if (options.maskClientIp()) {
      ip = ClientAddress.mask(ip);
    }
    String endUser = null;
    if (options.endUserHeader() != null) {
      JsonNode headers = r.propNode("requestHeaders");
      if (headers != null && headers.isTextual()) {
        headers = PartialJson.parse(headers.asText()).node();
      }
      endUser = Json.text(headers, options.endUserHeader());
    }
    return Caller.builder()
        .subscriptionId(r.prop("apimSubscriptionId"))
        .productId(r.prop("productId"))
        .apiId(r.prop("apiId"))
        .apiRevision(r.prop("apiRevision"))
        .userId(r.prop("userId"))
        .clientAddress(ip)
        .endUser(endUser)
        .build();
  }

  private static Integer statusOf(GatewayRecord r) {
    Long s = r.propLong("responseCode");
    if (s == null) {
      s = r.propLong("backendResponseCode");
    }
    return s == null || s <= 0 || s > 999 ? null : s.intValue();
  }

  private static Long nonNegative(Long v) {
    return v == null || v < 0 ? null : v;
  }

  /** The version in a dated response model ({@code gpt-4o-2024-11-20}), else null. */
  private static String versionOf(String responseModel) {
    ModelId id = ModelId.parse(responseModel);
    return id == null ? null : id.version();
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
