package dev.tollgate.loganalytics;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One query file of {@code queries/}: its text, its header (the leading {@code //} lines: a title,
 * then {@code key: value} lines such as {@code scope}, {@code timespan}, {@code poll}) and the
 * parameters of its {@code declare query_parameters(...)} statement.
 *
 * <p>{@link #render} replaces that statement with one {@code let} per parameter, so the text runs
 * where query parameters cannot be passed (the Log Analytics query API has no parameters), with the
 * declared defaults or with validated values given by name.
 */
public final class KqlQuery {

  /** Where a query runs; each scope has its own table names (see {@code queries/README.md}). */
  public enum Scope {
    /** The Application Insights resource: {@code customEvents}, {@code customMetrics}. */
    APPINSIGHTS,
    /** The Log Analytics workspace: {@code AppEvents}, {@code ApiManagementGatewayLogs}, ... */
    WORKSPACE;

    static Scope parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "appinsights" -> APPINSIGHTS;
        case "workspace" -> WORKSPACE;
        default -> throw new IllegalArgumentException("unknown scope '" + s + "'");
      };
    }
  }

  /** A declared parameter: its name, KQL type and default value as written (a KQL literal). */
  public record Parameter(String name, String type, String defaultLiteral) {}

  private static final Pattern DECLARE =
      Pattern.compile("\\bdeclare\\s+query_parameters\\s*\\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_FIELD = Pattern.compile("^//\\s*([a-z][a-z-]*):\\s*(.*)$");
  private static final Pattern PARAMETER =
      Pattern.compile(
          "^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*([A-Za-z]+)\\s*(?:=\\s*(.+?))?\\s*$",
          Pattern.DOTALL);

  private final String name;
  private final String text;
  private final String title;
  private final Map<String, String> header;
  private final Scope scope;
  private final List<Parameter> parameters;
  private final int declareStart;
  private final int declareEnd;

  private KqlQuery(
      String name,
      String text,
      String title,
      Map<String, String> header,
      Scope scope,
      List<Parameter> parameters,
      int declareStart,
      int declareEnd) {
    this.name = name;
    this.text = text;
    this.title = title;
    this.header = header;
    this.scope = scope;
    this.parameters = parameters;
    this.declareStart = declareStart;
    this.declareEnd = declareEnd;
  }

  /**
   * Reads a query file's text.
   *
   * @param name the file name, e.g. {@code llm-log-usage.kql}
   * @throws IllegalArgumentException naming the file when its header or parameters are malformed
   */
  public static KqlQuery parse(String name, String text) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    try {
      String title = null;
      Map<String, String> header = new LinkedHashMap<>();
      for (String line : text.split("\\R")) {
        String t = line.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (!t.startsWith("//")) {
          break;
        }
        if (title == null) {
          title = t.substring(2).strip();
          continue;
        }
        Matcher m = HEADER_FIELD.matcher(t);
        if (m.matches()) {
          header.putIfAbsent(m.group(1), m.group(2).strip());
        }
      }
      if (title == null || title.isEmpty()) {
        throw new IllegalArgumentException("no title: the first line must be a // comment");
      }
      String scope = header.get("scope");
      if (scope == null) {
        throw new IllegalArgumentException("no '// scope:' header line");
      }
      List<Parameter> parameters = new ArrayList<>();
      int[] span = findDeclare(text, parameters);
      return new KqlQuery(
          name,
          text,
          title,
          Collections.unmodifiableMap(header),
          Scope.parse(scope),
          List.copyOf(parameters),
          span[0],
          span[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("query " + name + ": " + e.getMessage(), e);
    }
  }

  /** The file name, e.g. {@code llm-log-usage.kql}. */
  public String name() {
    return name;
  }

  /** The file name without {@code .kql}. */
  public String stem() {
    return name.endsWith(".kql") ? name.substring(0, name.length() - 4) : name;
  }

  /** The file's text, unchanged. */
  public String text() {
    return text;
  }

  /** The first header line. */
  public String title() {
    return title;
  }

  public Scope scope() {
    return scope;
  }

  /** The header's {@code key: value} lines, in order. */
  public Map<String, String> header() {
    return header;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public Optional<Parameter> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
  }

  /** How far back the query reads, from its {@code // timespan:} header (ISO-8601). */
  public Optional<Duration> timespan() {
    String v = header.get("timespan");
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(v.strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "query " + name + ": '// timespan: " + v + "' is not an ISO-8601 duration such as PT2H",
          e);
    }
  }

  /** True when the header says {@code // poll: yes}: written for the poller. */
  public boolean pollable() {
    String v = header.get("poll");
    return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true"));
  }

  /**
   * The text to run: the {@code declare query_parameters} statement becomes {@code let} statements,
   * each with the value given here by parameter name (a plain value, formatted and validated by
   * {@link KqlLiterals#format}) or else the declared default.
   *
   * @throws IllegalArgumentException for a value of an undeclared parameter, a value that is not of
   *     the parameter's type, or a parameter with neither a value nor a default
   */
  public String render(Map<String, String> values) {
    for (String key : values.keySet()) {
      if (parameter(key).isEmpty()) {
        throw new IllegalArgumentException(
            "query " + name + " has no parameter '" + key + "' (it has " + parameterNames() + ")");
      }
    }
    if (declareStart < 0) {
      return text;
    }
    StringBuilder lets = new StringBuilder();
    for (Parameter p : parameters) {
      String literal;
      if (values.containsKey(p.name())) {
        try {
          literal = KqlLiterals.format(p.type(), values.get(p.name()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "query " + name + ", parameter " + p.name() + ": " + e.getMessage(), e);
        }
      } else if (p.defaultLiteral() != null) {
        literal = p.defaultLiteral();
      } else {
        throw new IllegalArgumentException(
            "query " + name + ": parameter " + p.name() + " has no default and no value");
      }
      lets.append("let ").append(p.name()).append(" = ").append(literal).append(";\n");
    }
    return text.substring(0, declareStart) + lets + text.substring(declareEnd).stripLeading();
  }

  /** The text with every parameter at its default. */
  public String render() {
    return render(Map.of());
  }

  private List<String> parameterNames() {
    return parameters.stream().map(Parameter::name).toList();
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Finds the declare statement outside comments and strings, fills {@code out} with its parameters
   * and returns its [start, end) offsets (end just past the ';'), or {-1, -1}.
   */
  private static int[] findDeclare(String text, List<Parameter> out) {
    int start = -1;
    int open = -1;
    Matcher m = DECLARE.matcher(text);
    while (m.find()) {
      if (!inCommentOrString(text, m.start())) {
        start = m.start();
        open = m.end() - 1;
        break;
      }
    }
    if (start < 0) {
      return new int[] {-1, -1};
    }
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int partStart = open + 1;
    int i = open;
    int close = -1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipString(text, i);
        continue;
      }
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        i = skipLine(text, i);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          close = i;
          parts.add(text.substring(partStart, i));
          break;
        }
      } else if (c == ',' && depth == 1) {
        parts.add(text.substring(partStart, i));
        partStart = i + 1;
      }
      i++;
    }
    if (close < 0) {
      throw new IllegalArgumentException("unclosed declare query_parameters(");
    }
    int end = close + 1;
    while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    if (end >= text.length() || text.charAt(end) != ';') {
      throw new IllegalArgumentException("declare query_parameters(...) must end with ';'");
    }
    for (String part : parts) {
      String p = stripComments(part).strip();
      if (p.isEmpty()) {
        continue;
      }
      Matcher pm = PARAMETER.matcher(p);
      if (!pm.matches()) {
        throw new IllegalArgumentException("cannot read query parameter '" + p + "'");
      }
      String dflt = pm.group(3) == null ? null : pm.group(3).strip();
      out.add(new Parameter(pm.group(1), pm.group(2).toLowerCase(Locale.ROOT), dflt));
    }
    return new int[] {start, end + 1};
  }

  private static boolean inCommentOrString(String text, int pos) {
    int i = 0;
    while (i < pos) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int after = skipString(text, i);
        if (after > pos) {
          return true;
        }
        i = after;
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        int after = skipLine(text, i);
        if (after > pos) {
          return true;
        }
        i = after;
      } else {
        i++;
      }
    }
    return false;
  }

  private static String stripComments(String part) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < part.length()) {
      char c = part.charAt(i);
      if (c == '"' || c == '\'') {
        int after = skipString(part, i);
        sb.append(part, i, after);
        i = after;
      } else if (c == '/' && i + 1 < part.length() && part.charAt(i + 1) == '/') {
        i = skipLine(part, i);
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  /** The index just past the string literal that starts at {@code i}. */
  private static int skipString(String text, int i) {
    char quote = text.charAt(i);
    int j = i + 1;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == quote) {
        return j + 1;
      }
      j++;
    }
    return text.length();
  }

  private static int skipLine(String text, int i) {
    int nl = text.indexOf('\n', i);
    return nl < 0 ? text.length() : nl + 1;
  }
}
