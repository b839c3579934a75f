package dev.tollgate.core.price;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model name split into family name and version, e.g. {@code gpt-4o-2024-08-06} into {@code
 * gpt-4o} and {@code 2024-08-06}, or {@code gpt-35-turbo-0125} into {@code gpt-35-turbo} and {@code
 * 0125}.
 */
public record ModelId(String name, String version) {
  private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2})$");
  private static final Pattern SHORT = Pattern.compile("^(.+?)-(\\d{4}(?:-preview)?)$");

  public static ModelId parse(String model) {
    if (model == null || model.isBlank()) {
      return null;
    }
    String m = model.strip().toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1);
    }
    Matcher d = DATED.matcher(m);
    if (d.matches()) {
      return new ModelId(d.group(1), d.group(2));
    }
    Matcher s = SHORT.matcher(m);
    if (s.matches()) {
      return new ModelId(s.group(1), s.group(2));
    }
    return new ModelId(m, null);
  }

  @Override
  public String toString() {
    return version == null ? name : name + "-" + version;
  }
}
