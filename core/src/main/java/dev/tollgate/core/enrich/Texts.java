package dev.tollgate.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;

/** Pulls the model-visible text out of message content in its several shapes. */
final class Texts {
  private Texts() {}

  /** A message's content: a string, or an array of parts whose {@code text} fields count. */
  static String contentText(JsonNode content) {
    if (content == null || content.isNull()) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder b = new StringBuilder();
    appendAll(content, b);
    return b.toString();
  }

  static String toolCallsText(JsonNode toolCalls) {
    if (toolCalls == null || !toolCalls.isArray()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (JsonNode c : toolCalls) {
      JsonNode f = c.path("function");
      b.append(f.path("name").asText("")).append(f.path("arguments").asText(""));
    }
    return b.toString();
  }

  /**
   * Appends the text of a prompt-like value: a string, an array of strings, or items/parts with
   * {@code text} or {@code content}. Token-id arrays and images add nothing.
   */
  static void appendAll(JsonNode v, StringBuilder b) {
    if (v == null || v.isNull()) {
      return;
    }
    if (v.isTextual()) {
      b.append(v.asText()).append('\n');
    } else if (v.isArray()) {
      for (JsonNode e : v) {
        appendAll(e, b);
      }
    } else if (v.isObject()) {
      JsonNode text = v.get("text");
      if (text != null && text.isTextual()) {
        b.append(text.asText()).append('\n');
      }
      appendAll(v.get("content"), b);
      JsonNode args = v.get("arguments");
      if (args != null && args.isTextual()) {
        b.append(args.asText()).append('\n');
      }
    }
  }

  /**
   * The visible text of a cut JSON document with common escapes undone, so a tokenizer sees the
   * words rather than backslashes. Structure characters stay; they are few next to the prose.
   */
  static String unescapeVisible(String json) {
    if (json == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\' || i + 1 >= json.length()) {
        b.append(c);
        continue;
      }
      char n = json.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'u' -> {
          if (i + 4 < json.length()) {
            try {
              b.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
              i += 4;
            } catch (NumberFormatException e) {
              b.append('u');
            }
          }
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }
}
