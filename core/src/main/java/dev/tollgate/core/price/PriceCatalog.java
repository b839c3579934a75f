package dev.tollgate.core.price;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.Json;
import dev.tollgate.core.model.TokenClass;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Versioned list prices. The shipped catalog is {@code /catalog/azure-openai-prices.json}; an
 * override file (negotiated prices) adds entries and wins over shipped entries with the same model,
 * version, deployment type and date. Entries are never interpolated: a model the catalog does not
 * know stays unpriced. The catalog also carries each model's {@link ModelLimits}, the most tokens
 * one call can take, so that usage no call can have is never priced.
 */
public final class PriceCatalog {
  public static final String BUILT_IN = "/catalog/azure-openai-prices.json";

  private final String version;
  private final Map<String, List<Price>> byModel;
  private final Map<String, String> aliases;
  private final Map<DeploymentType, BigDecimal> factors;
  private final Map<String, ModelLimits> limits;

  private PriceCatalog(
      String version,
      Map<String, List<Price>> byModel,
      Map<String, String> aliases,
      Map<DeploymentType, BigDecimal> factors,
      Map<String, ModelLimits> limits) {
    this.version = version;
    this.byModel = byModel;
    this.aliases = aliases;
    this.factors = factors;
    this.limits = limits;
  }

  /** The catalog shipped in the jar. */
  public static PriceCatalog builtIn() {
    try (InputStream in = PriceCatalog.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("price catalog resource " + BUILT_IN + " is missing");
      }
      return new Loader().add(Json.MAPPER.readTree(in), "built-in").build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in price catalog: " + e.getMessage(), e);
    }
  }

  /**
   * The shipped catalog with an override file applied.
   *
   * @throws IllegalArgumentException with a readable message when the file is missing or invalid
   */
  public static PriceCatalog withOverride(Path file) {
    PriceCatalog base = builtIn();
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read price catalog " + file + ": " + e.getMessage(), e);
    }
    Loader loader = new Loader();
    if (!node.path("replace").asBoolean(false)) {
      loader.addAll(base);
    }
    return loader.add(node, file.toString()).build();
  }

  public String version() {
    return version;
  }

  /** The default-tier price; see {@link #lookup(ModelId, DeploymentType, LocalDate, String)}. */
  public Optional<Price> lookup(ModelId model, DeploymentType type, LocalDate date) {
    return lookup(model, type, date, null);
  }

  /**
   * The price of a model on a deployment type and service tier at a date. Prefers an entry for the
   * exact version, then a version-less one; prefers the exact deployment type, else derives it from
   * the global price with the catalog's factor for that type. Only entries of the same tier match:
   * a priority call is never priced at the standard rate ({@link ServiceTier}, null = default).
   */
  public Optional<Price> lookup(ModelId model, DeploymentType type, LocalDate date, String tier) {
    if (model == null || type == null || date == null) {
      return Optional.empty();
    }
    List<Price> entries = entriesFor(model.name());
    if (entries == null && model.version() != null) {
      entries = entriesFor(model.toString());
    }
    if (entries == null) {
      return Optional.empty();
    }
    Optional<Price> exact = latest(entries, model.version(), type, date, tier);
    if (exact.isPresent()) {
      return exact;
    }
    BigDecimal factor = factors.get(type);
    if (factor == null || type == DeploymentType.GLOBAL) {
      return Optional.empty();
    }
    return latest(entries, model.version(), DeploymentType.GLOBAL, date, tier)
        .map(p -> p.scaled(factor, type));
  }

  /**
   * The limits of a model family (aliases apply), else of the exact model and version, else the
   * fixed {@link ModelLimits#CEILING}.
   */
  public ModelLimits limits(ModelId model) {
    if (model == null) {
      return ModelLimits.unknown("unknown model");
    }
    ModelLimits l = limits.get(model.name());
    if (l == null) {
      l = limits.get(aliases.getOrDefault(model.name(), model.name()));
    }
    if (l == null) {
      l = limits.get(model.toString());
    }
    return l != null ? l : ModelLimits.unknown(model.toString());
  }

  private List<Price> entriesFor(String name) {
    List<Price> e = byModel.get(name);
    if (e == null) {
      String target = aliases.get(name);
      e = target == null ? null : byModel.get(target);
    }
    return e;
  }

  private static Optional<Price> latest(
      List<Price> entries, String version, DeploymentType type, LocalDate date, String tier) {
    Optional<Price> versioned =
        version == null
            ? Optional.empty()
            : entries.stream()
                .filter(p -> version.equals(p.version()) && Objects.equals(tier, p.serviceTier()))
                .filter(p -> p.deploymentType() == type && !p.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(Price::effectiveFrom));
    if (versioned.isPresent()) {
      return versioned;
    }
    return entries.stream()
        .filter(p -> p.version() == null && Objects.equals(tier, p.serviceTier()))
        .filter(p -> p.deploymentType() == type && !p.effectiveFrom().isAfter(date))
        .max(Comparator.comparing(Price::effectiveFrom));
  }

  /** Builds a catalog from one or more JSON documents; later documents win on equal keys. */
  private static final class Loader {
    private final Map<String, Price> entries = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<DeploymentType, BigDecimal> factors = new EnumMap<>(DeploymentType.class);
    private final Map<String, ModelLimits> limits = new HashMap<>();
    private String version = "unversioned";

    void addAll(PriceCatalog c) {
      c.byModel.values().forEach(list -> list.forEach(p -> entries.put(key(p), p)));
      aliases.putAll(c.aliases);
      factors.putAll(c.factors);
      limits.putAll(c.limits);
      version = c.version;
    }

    Loader add(JsonNode doc, String origin) {
      if (doc == null || !doc.isObject()) {
        throw new IllegalArgumentException(origin + ": a price catalog must be a JSON object");
      }
      String v = Json.text(doc, "catalogVersion");
      if (v != null) {
        version = entries.isEmpty() ? v : version + "+" + v;
      }
      doc.path("aliases")
          .fields()
          .forEachRemaining(e -> aliases.put(lower(e.getKey()), lower(e.getValue().asText())));
      doc.path("deploymentTypeFactors")
          .fields()
          .forEachRemaining(
              e ->
                  factors.put(
                      DeploymentType.parse(e.getKey()), decimal(e.getValue(), origin, e.getKey())));
      JsonNode l = doc.path("limits");
      if (!l.isMissingNode() && !l.isObject()) {
        throw new IllegalArgumentException(origin + ": 'limits' must be an object by model");
      }
      l.fields()
          .forEachRemaining(
              e -> {
                String model = lower(e.getKey());
                String where = origin + " limits." + model;
                limits.put(
                    model,
                    new ModelLimits(
                        model,
                        limit(e.getValue(), "contextWindow", where),
                        limit(e.getValue(), "maxOutputTokens", where),
                        true));
              });
      JsonNode list = doc.path("entries");
      if (!list.isArray()) {
        throw new IllegalArgumentException(origin + ": 'entries' must be an array of prices");
      }
      int i = 0;
      for (JsonNode e : list) {
        Price p = entry(e, origin + " entries[" + i++ + "]");
        entries.put(key(p), p);
      }
      return this;
    }

    private static Price entry(JsonNode e, String where) {
      String model = Json.text(e, "model");
      if (model == null) {
        throw new IllegalArgumentException(where + ": 'model' is required");
      }
      String from = Json.text(e, "effectiveFrom");
      LocalDate date;
      try {
        date = LocalDate.parse(from == null ? "" : from);
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException(
            where + ": 'effectiveFrom' must be a date like 2025-01-31");
      }
      DeploymentType type;
      try {
        type = DeploymentType.parse(Json.text(e, "deploymentType"));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
      }
      if (type == null) {
        throw new IllegalArgumentException(where + ": 'deploymentType' is required");
      }
      Map<TokenClass, BigDecimal> rates = rates(e, where);
      if (rates.get(TokenClass.INPUT) == null) {
        throw new IllegalArgumentException(where + ": 'input' (USD per 1M tokens) is required");
      }
      String origin = Json.text(e, "source");
      return new Price(
          lower(model),
          Json.text(e, "version"),
          type,
          date,
          tier(e, where),
          rates,
          longContext(Json.field(e, "longContext"), where),
          origin == null ? where : origin);
    }

    /** The per-1M rate of every token class the entry names (catalog field names). */
    private static Map<TokenClass, BigDecimal> rates(JsonNode e, String where) {
      Map<TokenClass, BigDecimal> rates = new EnumMap<>(TokenClass.class);
      for (TokenClass c : TokenClass.values()) {
        BigDecimal d = decimal(Json.field(e, c.catalogName()), where, c.catalogName());
        if (d != null) {
          rates.put(c, d);
        }
      }
      return rates;
    }

    private static String tier(JsonNode e, String where) {
      JsonNode t = Json.field(e, "serviceTier");
      if (t == null || t.isNull()) {
        return null;
      }
      if (!t.isTextual() || t.asText().isBlank()) {
        throw new IllegalArgumentException(
            where + ": 'serviceTier' must be a tier name like \"priority\": " + t);
      }
      return ServiceTier.normalize(t.asText());
    }

    private static Price.LongContext longContext(JsonNode lc, String where) {
      if (lc == null || lc.isNull()) {
        return null;
      }
      String at = where + " longContext";
      if (!lc.isObject()) {
        throw new IllegalArgumentException(
            at + ": must be an object with aboveInputTokens and prices");
      }
      JsonNode n = Json.field(lc, "aboveInputTokens");
      if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() <= 0) {
        throw new IllegalArgumentException(
            at + ": 'aboveInputTokens' must be a positive whole number of tokens: " + n);
      }
      Map<TokenClass, BigDecimal> rates = rates(lc, at);
      if (rates.get(TokenClass.INPUT) == null) {
        throw new IllegalArgumentException(at + ": 'input' (USD per 1M tokens) is required");
      }
      return new Price.LongContext(n.asLong(), rates);
    }

    private static BigDecimal decimal(JsonNode v, String where, String name) {
      if (v == null || v.isNull() || v.isMissingNode()) {
        return null;
      }
      try {
        BigDecimal d = new BigDecimal(v.asText().strip());
        if (d.signum() < 0) {
          throw new IllegalArgumentException(where + ": '" + name + "' must not be negative");
        }
        return d;
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(where + ": '" + name + "' is not a number: " + v);
      }
    }

    /** A positive whole number of tokens; absent means the fixed ceiling. */
    private static long limit(JsonNode e, String name, String where) {
      if (!e.isObject()) {
        throw new IllegalArgumentException(where + ": must be an object with " + name);
      }
      JsonNode v = Json.field(e, name);
      if (v == null) {
        return ModelLimits.CEILING;
      }
      if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() <= 0) {
        throw new IllegalArgumentException(
            where + ": '" + name + "' must be a positive whole number of tokens: " + v);
      }
      return v.asLong();
    }

    private static String key(Price p) {
      return p.model()
          + "|"
          + p.version()
          + "|"
          + p.deploymentType()
          + "|"
          + p.serviceTier()
          + "|"
          + p.effectiveFrom();
    }

    private static String lower(String s) {
      return s.strip().toLowerCase(Locale.ROOT);
    }

    PriceCatalog build() {
      Map<String, List<Price>> byModel = new HashMap<>();
      entries
          .values()
          .forEach(p -> byModel.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p));
      byModel.replaceAll((k, v) -> List.copyOf(v));
      return new PriceCatalog(
          version,
          Map.copyOf(byModel),
          Map.copyOf(aliases),
          Map.copyOf(factors),
          Map.copyOf(limits));
    }
  }
}
