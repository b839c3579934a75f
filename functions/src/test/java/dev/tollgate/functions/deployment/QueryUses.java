package dev.tollgate.functions.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uses of query files in the Bicep (the alert rules of alerts.bicep, the workbook items of
 * workbook.bicep), and what the Bicep does with them, done again in Java: {@code bindQuery} and
 * {@code jsonString} of kql.bicep, and the workbook's placeholder replacement.
 */
final class QueryUses {
  private static final Pattern LOAD = Pattern.compile("loadTextContent\\('([^']+)'\\)");
  private static final Pattern LET = Pattern.compile("^let\\s+([A-Za-z_]\\w*)\\s*=");
  private static final String DECLARE = "declare query_parameters(";

  private QueryUses() {}

  /**
   * One object of a {@code var rules} or {@code var queries} array: the query file it loads (path
   * relative to the Bicep file, and resolved), its let statements and suffix as Bicep string values
   * (interpolations still unresolved), and every property's source text.
   */
  record QueryUse(
      Path bicepFile,
      String label,
      String loadPath,
      Path queryFile,
      List<String> lets,
      String suffix,
      Map<String, String> properties) {
    String scope() {
      return BicepText.decodeString(properties.get("scope"));
    }
  }

  /** The elements of {@code var arrayName} of a Bicep file that load a query file. */
  static List<QueryUse> read(Path bicepFile, String arrayName) {
    BicepText bicep = new BicepText(Repo.read(bicepFile));
    List<QueryUse> out = new ArrayList<>();
    for (String element : bicep.varArray(arrayName)) {
      BicepText el = new BicepText(element);
      Map<String, String> props = el.objectAt(0);
      String text = props.get("text");
      if (text == null) {
        continue;
      }
      Matcher m = LOAD.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            bicepFile.getFileName() + ": text must be loadTextContent('...'), not " + text);
      }
      List<String> lets = new ArrayList<>();
      String letsSource = props.getOrDefault("lets", "[]");
      for (String let : new BicepText(letsSource).arrayAt(0)) {
        lets.add(BicepText.decodeString(let));
      }
      String suffix =
          props.containsKey("suffix") ? BicepText.decodeString(props.get("suffix")) : "";
      String label =
          BicepText.decodeString(props.containsKey("name") ? props.get("name") : props.get("key"));
      out.add(
          new QueryUse(
              bicepFile,
              label,
              m.group(1),
              bicepFile.getParent().resolve(m.group(1)).normalize(),
              lets,
              suffix,
              props));
    }
    return out;
  }

  /** The names a query file declares in its {@code declare query_parameters(...)} statement. */
  static Set<String> declaredParameters(String query) {
    int start = query.indexOf(DECLARE);
    if (start < 0) {
      throw new IllegalArgumentException("no declare query_parameters(...) statement");
    }
    int end = query.indexOf(");", start);
    String body = query.substring(start + DECLARE.length(), end);
    Set<String> out = new LinkedHashSet<>();
    int depth = 0;
    boolean inString = false;
    StringBuilder cur = new StringBuilder();
    for (char c : (body + ",").toCharArray()) {
      if (c == '"') {
        inString = !inString;
      }
      if (!inString && (c == '(' || c == '[' || c == '{')) {
        depth++;
      } else if (!inString && (c == ')' || c == ']' || c == '}')) {
        depth--;
      }
      if (c == ',' && depth == 0 && !inString) {
        String decl = cur.toString().strip();
        if (!decl.isEmpty()) {
          out.add(decl.substring(0, decl.indexOf(':')).strip());
        }
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    return out;
  }

  /** The names the let statements bind, in order. */
  static List<String> letNames(List<String> lets) {
    List<String> out = new ArrayList<>();
    for (String let : lets) {
      Matcher m = LET.matcher(let.strip());
      if (!m.find() || !let.strip().endsWith(";")) {
        throw new IllegalArgumentException("not a let statement ending in ';': " + let);
      }
      out.add(m.group(1));
    }
    return out;
  }

  /** kql.bicep's bindQuery, character for character. */
  static String bindQuery(String text, List<String> lets) {
    int declare = text.indexOf(DECLARE);
    int close = text.substring(declare).indexOf(");");
    return text.substring(0, declare)
        + String.join("\n", lets)
        + text.substring(declare + close + 2);
  }

  /** kql.bicep's jsonString. */
  static String jsonString(String text) {
    return text.replace("\\", "\\\\")
        .replace("\"", "\\\"")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("\t", "\\t");
  }

  /** The let statements and suffix with their {@code ${...}} interpolations resolved. */
  static QueryUse resolved(QueryUse use, UnaryOperator<String> interpolations) {
    List<String> lets = use.lets().stream().map(interpolations).toList();
    return new QueryUse(
        use.bicepFile(),
        use.label(),
        use.loadPath(),
        use.queryFile(),
        lets,
        interpolations.apply(use.suffix()),
        use.properties());
  }

  /** The text Azure runs: the file bound with the use's lets, then its suffix. */
  static String render(QueryUse use) {
    return bindQuery(Repo.read(use.queryFile()), use.lets()) + use.suffix();
  }
}
