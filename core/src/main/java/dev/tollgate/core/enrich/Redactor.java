package dev.tollgate.core.enrich;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what must never leave as telemetry from captured prompt and completion text: e-mail
 * addresses, card numbers (Luhn-checked), phone numbers, and keys or tokens. Then cuts the text.
 */
public final class Redactor {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
  private static final Pattern KEY =
      Pattern.compile(
          "(?i)(?:sk-[A-Za-z0-9_-]{16,}|(?:api[_-]?key|secret|password|token|sig|accountkey)\\s*[=:]\\s*\\S+"
              + "|\\b[A-Fa-f0-9]{32,}\\b|\\b[A-Za-z0-9+/]{40,}={0,2})");
  private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\w.])\\+?\\(?\\d{1,4}\\)?(?:[ .-]?\\(?\\d{2,4}\\)?){2,5}(?![\\w.])");

  private Redactor() {}

  /** The redacted text, cut to {@code maxChars} (with a marker when cut); null stays null. */
  public static String redact(String text, int maxChars) {
    if (text == null) {
      return null;
    }
    String t = EMAIL.matcher(text).replaceAll("[EMAIL]");
    t = JWT.matcher(t).replaceAll("[KEY]");
    t = KEY.matcher(t).replaceAll("[KEY]");
    t = replaceCards(t);
    t =
        PHONE
            .matcher(t)
            .replaceAll(m -> m.group().replaceAll("\\D", "").length() >= 7 ? "[PHONE]" : m.group());
    if (t.length() > maxChars) {
      t = t.substring(0, Math.max(0, maxChars)) + "…[cut]";
    }
    return t;
  }

  private static String replaceCards(String t) {
    Matcher m = CARD.matcher(t);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      m.appendReplacement(b, luhn(digits) ? "[CARD]" : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(b);
    return b.toString();
  }

  static boolean luhn(String digits) {
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
