package dev.tollgate.functions.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Bicep's syntax to read this repository's files without a Bicep compiler: object
 * and array literals, single-quoted strings (escapes and {@code ${...}} interpolations, which may
 * hold strings of their own), {@code //} and block comments, {@code param} declarations and {@code
 * module} calls. It does not evaluate expressions; values come back as their source text.
 */
final class BicepText {
  private static final Pattern PARAM =
      Pattern.compile("(?m)^param\\s+([A-Za-z_]\\w*)\\s+([A-Za-z_]\\w*)(?:[ \\t]*=[ \\t]*(.*))?$");
  private static final Pattern MODULE =
      Pattern.compile("(?m)^module\\s+([A-Za-z_]\\w*)\\s+'([^']+)'\\s*=\\s*([\\[{])");
  private static final Pattern KEY = Pattern.compile("[A-Za-z_$][\\w.$-]*");

  private final String text;

  BicepText(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** A parameter declaration: its type and its default's source text (null when it has none). */
  record Param(String name, String type, String defaultValue) {}

  /** Every {@code param} of the file, in order. */
  Map<String, Param> params() {
    Map<String, Param> out = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(text);
    while (m.find()) {
      String dflt = null;
      if (m.group(3) != null) {
        int start = m.start(3);
        dflt = valueAt(start).strip();
      }
      out.put(m.group(1), new Param(m.group(1), m.group(2), dflt));
    }
    return out;
  }

  /** A module call: its symbolic name, the module file and the source text of its params. */
  record ModuleCall(String name, String path, Map<String, String> params) {}

  List<ModuleCall> modules() {
    List<ModuleCall> out = new ArrayList<>();
    Matcher m = MODULE.matcher(text);
    while (m.find()) {
      int open = m.start(3);
      if (text.charAt(open) == '[') {
        open = text.indexOf('{', open);
      }
      Map<String, String> body = objectAt(open);
      String params = body.get("params");
      out.add(
          new ModuleCall(
              m.group(1),
              m.group(2),
              params == null ? Map.of() : new BicepText(params).objectAt(0)));
    }
    return out;
  }

  /** The top-level properties of the object literal assigned to {@code var name}. */
  Map<String, String> varObject(String name) {
    int open = varValueStart(name);
    if (text.charAt(open) != '{') {
      throw new IllegalArgumentException("var " + name + " is not an object literal");
    }
    return objectAt(open);
  }

  /** The elements of the array literal assigned to {@code var name}, as source text. */
  List<String> varArray(String name) {
    int open = varValueStart(name);
    if (text.charAt(open) != '[') {
      throw new IllegalArgumentException("var " + name + " is not an array literal");
    }
    return arrayAt(open);
  }

  /** Names of the vars of the file that match the pattern (e.g. {@code appSettings\w*}). */
  List<String> varNames(String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^var\\s+(" + regex + ")\\s*=").matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private int varValueStart(String name) {
    Matcher m = Pattern.compile("(?m)^var\\s+" + Pattern.quote(name) + "\\s*=\\s*").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("no var " + name);
    }
    return m.end();
  }

  /** The top-level properties of the object literal opening at {@code open}: key to value text. */
  Map<String, String> objectAt(int open) {
    if (text.charAt(open) != '{') {
      throw new IllegalArgumentException("no object literal at " + open + ": " + excerpt(open));
    }
    Map<String, String> out = new LinkedHashMap<>();
    int i = open + 1;
    while (true) {
      i = skipSpaceAndComments(i, true);
      if (i >= text.length()) {
        throw new IllegalArgumentException("unclosed object at " + excerpt(open));
      }
      char c = text.charAt(i);
      if (c == '}') {
        return out;
      }
      if (c == ',') {
        i++;
        continue;
      }
      String key;
      if (c == '\'') {
        int end = stringEnd(i);
        key = decodeString(text.substring(i, end));
        i = end;
      } else {
        Matcher k = KEY.matcher(text).region(i, text.length());
        if (!k.lookingAt()) {
          throw new IllegalArgumentException("expected a property name at " + excerpt(i));
        }
        key = k.group();
        i = k.end();
      }
      i = skipSpaceAndComments(i, false);
      if (text.charAt(i) != ':') {
        throw new IllegalArgumentException("expected ':' after " + key + " at " + excerpt(i));
      }
      String value = valueAt(i + 1);
      out.put(key, value.strip());
      i = i + 1 + value.length();
    }
  }

  /** The elements of the array literal opening at {@code open}, as source text. */
  List<String> arrayAt(int open) {
    if (text.charAt(open) != '[') {
      throw new IllegalArgumentException("no array literal at " + excerpt(open));
    }
    List<String> out = new ArrayList<>();
    int i = open + 1;
    while (true) {
      i = skipSpaceAndComments(i, true);
      if (i >= text.length()) {
        throw new IllegalArgumentException("unclosed array at " + excerpt(open));
      }
      char c = text.charAt(i);
      if (c == ']') {
        return out;
      }
      if (c == ',') {
        i++;
        continue;
      }
      String value = valueAt(i);
      out.add(value.strip());
      i += value.length();
    }
  }

  /**
   * The source text of the value starting at {@code start}: up to the end of its line, or further
   * while brackets are open; stops before a {@code //} comment, a {@code ,} or the closing bracket
   * of the enclosing literal.
   */
  String valueAt(int start) {
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        i = stringEnd(i);
        continue;
      }
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        if (depth == 0) {
          return text.substring(start, i);
        }
        i = lineEnd(i);
        continue;
      }
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        i = text.indexOf("*/", i + 2) + 2;
        continue;
      }
      if (c == '{' || c == '[' || c == '(') {
        depth++;
      } else if (c == '}' || c == ']' || c == ')') {
        if (depth == 0) {
          return text.substring(start, i);
        }
        depth--;
      } else if ((c == '\n' || c == ',') && depth == 0) {
        if (c == '\n' && text.substring(start, i).isBlank()) {
          i++;
          continue;
        }
        return text.substring(start, i);
      }
      i++;
    }
    return text.substring(start);
  }

  /** The index just after the single-quoted string (with interpolations) opening at {@code i}. */
  int stringEnd(int i) {
    if (text.startsWith("'''", i)) {
      int end = text.indexOf("'''", i + 3);
      return end + 3;
    }
    int j = i + 1;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '\'') {
        return j + 1;
      } else if (c == '$' && j + 1 < text.length() && text.charAt(j + 1) == '{') {
        j = interpolationEnd(j + 2);
      } else {
        j++;
      }
    }
    throw new IllegalArgumentException("unclosed string at " + excerpt(i));
  }

  private int interpolationEnd(int j) {
    int depth = 0;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (c == '\'') {
        j = stringEnd(j);
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return j + 1;
        }
        depth--;
      }
      j++;
    }
    throw new IllegalArgumentException("unclosed interpolation");
  }

  private int skipSpaceAndComments(int i, boolean newlines) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        i++;
      } else if (text.startsWith("//", i)) {
        i = lineEnd(i);
      } else if (text.startsWith("/*", i)) {
        i = text.indexOf("*/", i + 2) + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  private int lineEnd(int i) {
    int end = text.indexOf('\n', i);
    return end < 0 ? text.length() : end;
  }

  private String excerpt(int i) {
    int line = 1;
    for (int k = 0; k < i && k < text.length(); k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return "line " + line + " ('" + text.substring(i, Math.min(text.length(), i + 40)) + "')";
  }

  /**
   * The value of a single-quoted Bicep string literal, escapes decoded; {@code ${...}}
   * interpolations are kept as written.
   */
  static String decodeString(String literal) {
    String s = literal.strip();
    if (s.startsWith("'''")) {
      return s.substring(3, s.length() - 3);
    }
    if (s.length() < 2 || s.charAt(0) != '\'' || s.charAt(s.length() - 1) != '\'') {
      throw new IllegalArgumentException("not a string literal: " + literal);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case '\\', '\'', '$' -> out.append(e);
        default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + literal);
      }
    }
    return out.toString();
  }

  /** Whether the source text is a single string literal. */
  static boolean isString(String value) {
    String s = value.strip();
    if (!s.startsWith("'")) {
      return false;
    }
    return new BicepText(s).stringEnd(0) == s.length();
  }
}
