package dev.tollgate.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sums the reported records' cost per UTC day, account, team, product, deployment, model, usage
 * source, price reference and charge ({@link UsageCharge}): the FOCUS export's usage rows. A line's
 * {@code tollgate.cost.breakdown} gives one charge per token class; a line without one is one
 * {@link UsageCharge#NO_BREAKDOWN} charge. The charges of a day sum to the report's cost exactly:
 * what a breakdown leaves of {@code tollgate.cost.usd} (a writer's slip) is a no-breakdown charge.
 */
final class UsageCharges {
  /** Contract A's token classes, in the order rows are listed. */
  static final List<String> TOKEN_CLASSES =
      List.of(
          "input",
          "cached_input",
          "output",
          "audio_input",
          "cached_audio_input",
          "audio_output",
          "image_input",
          "cached_image_input",
          "image_output");

  private record Key(
      LocalDate day,
      String account,
      String team,
      String product,
      String deployment,
      String model,
      String usageSource,
      String priceRef,
      String charge) {}

  private static final class Sum {
    long tokens;
    boolean tokensKnown = true;
    long requests;
    BigDecimal cost = BigDecimal.ZERO;
  }

  private final Map<Key, Sum> sums = new HashMap<>();
  private final Map<String, String[]> accounts = new HashMap<>();

  /** One reported record of the period (priced or not: only its cost becomes charges). */
  void add(LocalDate day, UsageRecord r) {
    if (r.costUsd() == null) {
      return;
    }
    Map<String, BigDecimal> breakdown = r.costBreakdown();
    BigDecimal rest = r.costUsd();
    if (breakdown != null) {
      Map<String, Long> split = split(r);
      for (Map.Entry<String, BigDecimal> e : breakdown.entrySet()) {
        Long n = split.get(e.getKey());
        add(day, r, e.getKey(), n == null || n == 0 ? null : n, 1, e.getValue());
        rest = rest.subtract(e.getValue());
      }
    }
    if (breakdown == null) {
      add(day, r, UsageCharge.NO_BREAKDOWN, r.inputTokens() + r.outputTokens(), 1, rest);
    } else if (rest.signum() != 0) {
      add(day, r, UsageCharge.NO_BREAKDOWN, 0L, 0, rest);
    }
  }

  /** A resource-log record: the account's own ARM id and region, for the rows of its calls. */
  void account(UsageRecord r) {
    if (r.account() != null && r.resourceId() != null) {
      accounts.putIfAbsent(
          r.account(),
          new String[] {
            r.resourceId().toLowerCase(Locale.ROOT),
            r.region() == null ? null : r.region().replace(" ", "").toLowerCase(Locale.ROOT)
          });
    }
  }

  private void add(
      LocalDate day, UsageRecord r, String charge, Long tokens, long requests, BigDecimal cost) {
    Key k =
        new Key(
            day,
            r.account(),
            r.team(),
            r.product(),
            r.deployment(),
            r.model(),
            r.usageSource(),
            r.priceRef(),
            charge);
    Sum s = sums.computeIfAbsent(k, x -> new Sum());
    if (tokens == null) {
      s.tokensKnown = false;
    } else {
      s.tokens += tokens;
    }
    s.requests += requests;
    s.cost = s.cost.add(cost);
  }

  /**
   * The line's tokens per class, each counted once, as pricing splits them: audio and image out of
   * input and output, cached parts out of their modality, parts capped at their whole. A priced
   * class the split gives no tokens (a line without the modality counts) reads as unknown.
   */
  static Map<String, Long> split(UsageRecord r) {
    Map<String, Long> m = r.modalityTokens();
    List<String> k = UsageRecord.MODALITY_KEYS;
    long in = r.inputTokens();
    long audioIn = cap(m.get(k.get(0)), in);
    long imageIn = cap(m.get(k.get(3)), in - audioIn);
    long cachedAudio = cap(m.get(k.get(1)), audioIn);
    long cachedImage = cap(m.get(k.get(4)), imageIn);
    long textIn = in - audioIn - imageIn;
    long cachedText = cap(r.cachedInputTokens() - cachedAudio - cachedImage, textIn);
    long out = r.outputTokens();
    long audioOut = cap(m.get(k.get(2)), out);
    long imageOut = cap(m.get(k.get(5)), out - audioOut);
    Map<String, Long> s = new HashMap<>();
    s.put("input", textIn - cachedText);
    s.put("cached_input", cachedText);
    s.put("output", out - audioOut - imageOut);
    s.put("audio_input", audioIn - cachedAudio);
    s.put("cached_audio_input", cachedAudio);
    s.put("audio_output", audioOut);
    s.put("image_input", imageIn - cachedImage);
    s.put("cached_image_input", cachedImage);
    s.put("image_output", imageOut);
    return s;
  }

  private static long cap(Long v, long max) {
    return v == null ? 0 : Math.max(0, Math.min(v, max));
  }

  /** The charges, by day, account, team, product, deployment, model, then charge. */
  List<UsageCharge> rows() {
    List<UsageCharge> out = new ArrayList<>();
    sums.forEach(
        (k, s) -> {
          String[] acct = k.account() == null ? null : accounts.get(k.account());
          out.add(
              UsageCharge.builder()
                  .day(k.day())
                  .account(k.account())
                  .resourceId(acct == null ? null : acct[0])
                  .region(acct == null ? null : acct[1])
                  .team(k.team())
                  .product(k.product())
                  .deployment(k.deployment())
                  .model(k.model())
                  .usageSource(k.usageSource())
                  .priceRef(k.priceRef())
                  .charge(k.charge())
                  .tokens(s.tokensKnown ? s.tokens : null)
                  .requests(s.requests)
                  .costUsd(Numbers.plain(s.cost))
                  .build());
        });
    out.sort(ORDER);
    return out;
  }

  private static int classOrder(String charge) {
    int i = TOKEN_CLASSES.indexOf(charge);
    return i < 0 ? TOKEN_CLASSES.size() : i;
  }

  private static final Comparator<String> TEXT =
      Comparator.nullsFirst(Comparator.<String>naturalOrder());

  static final Comparator<UsageCharge> ORDER =
      Comparator.comparing(UsageCharge::day)
          .thenComparing(UsageCharge::account, TEXT)
          .thenComparing(UsageCharge::team)
          .thenComparing(UsageCharge::product)
          .thenComparing(UsageCharge::deployment)
          .thenComparing(UsageCharge::model)
          .thenComparing(UsageCharge::usageSource, TEXT)
          .thenComparing(UsageCharge::priceRef, TEXT)
          .thenComparingInt((UsageCharge c) -> classOrder(c.charge()))
          .thenComparing(UsageCharge::charge);
}
