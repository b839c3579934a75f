package dev.tollgate.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Monthly budgets in USD per team (APIM subscription id). Two forms are accepted:
 *
 * <ul>
 *   <li>a JSON object, {@code {"team-a": 500, "team-b": "1200.50"}};
 *   <li>{@code team=amount} pairs, one per line or separated by commas (so the same text fits an
 *       app setting), with {@code #} comments and blank lines ignored.
 * </ul>
 *
 * Amounts are exact decimals and must not be negative; a team may appear once.
 */
public final class Budgets {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final Budgets NONE = new Budgets(Map.of());

  private final Map<String, BigDecimal> byTeam;

  private Budgets(Map<String, BigDecimal> byTeam) {
    this.byTeam = Collections.unmodifiableMap(new LinkedHashMap<>(byTeam));
  }

  public static Budgets none() {
    return NONE;
  }

  public static Budgets of(Map<String, BigDecimal> byTeam) {
    Map<String, BigDecimal> copy = new LinkedHashMap<>();
    byTeam.forEach((team, amount) -> put(copy, team, amount));
    return new Budgets(copy);
  }

  /** Reads a budgets file (UTF-8, either form). */
  public static Budgets load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses either form; blank text means no budgets.
   *
   * @throws IllegalArgumentException with a message naming the bad entry
   */
  public static Budgets parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    String t = text.strip();
    if (t.startsWith("\uFEFF")) {
      t = t.substring(1).strip();
    }
    return t.startsWith("{") ? parseJson(t) : parsePairs(t);
  }

  private static Budgets parseJson(String text) {
    Map<String, BigDecimal> map = new LinkedHashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      p.nextToken();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String team = p.currentName();
        JsonToken v = p.nextToken();
        BigDecimal amount;
        if (v.isNumeric()) {
          amount = p.getDecimalValue();
        } else if (v == JsonToken.VALUE_STRING) {
          amount = amount(team, p.getText());
        } else {
          throw new IllegalArgumentException(
              "budget for '" + team + "' must be a number of USD, not " + p.getText());
        }
        put(map, team, amount);
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("expected one JSON object of team: USD per month");
      }
    } catch (IOException e) {
      String m = e.getMessage() == null ? "unreadable" : e.getMessage().split("\n", 2)[0];
      throw new IllegalArgumentException("invalid JSON: " + m, e);
    }
    return new Budgets(map);
  }

  private static Budgets parsePairs(String text) {
    Map<String, BigDecimal> map = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : text.split("\r?\n|\r")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      for (String pair : l.split(",")) {
        String p = pair.strip();
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "line " + lineNo + ": expected team=USD per month, got '" + p + "'");
        }
        String team = p.substring(0, eq).strip();
        put(map, team, amount(team, p.substring(eq + 1)));
      }
    }
    return new Budgets(map);
  }

  private static BigDecimal amount(String team, String text) {
    String s = text.strip();
    if (s.startsWith("$")) {
      s = s.substring(1).strip();
    }
    try {
      return new BigDecimal(s.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "budget for '" + team + "' is not a number of USD: '" + text.strip() + "'", e);
    }
  }

  private static void put(Map<String, BigDecimal> map, String team, BigDecimal amount) {
    if (team == null || team.isBlank()) {
      throw new IllegalArgumentException("a budget needs a team (APIM subscription id)");
    }
    if (amount == null || amount.signum() < 0) {
      throw new IllegalArgumentException("budget for '" + team + "' must not be negative");
    }
    if (map.putIfAbsent(team, amount) != null) {
      throw new IllegalArgumentException("team '" + team + "' has two budgets");
    }
  }

  /** The monthly budget of a team, or null when it has none. */
  public BigDecimal of(String team) {
    return byTeam.get(team);
  }

  /** Team to monthly USD, in the order given. */
  public Map<String, BigDecimal> byTeam() {
    return byTeam;
  }

  public boolean isEmpty() {
    return byTeam.isEmpty();
  }
}
