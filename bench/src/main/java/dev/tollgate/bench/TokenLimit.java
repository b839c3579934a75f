package dev.tollgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tollgate.core.json.Json;
import java.io.IOException;

/**
 * The practical limit for any JSON-based enrichment of these bytes: Jackson's streaming tokenizer
 * reading every token of an Event Hub body, then every token of each embedded body (the logged
 * request and response bodies, which are JSON text inside JSON strings, and {@code properties} when
 * it arrives as a string). Server-sent-event streams are split into lines and each {@code data:}
 * payload is tokenized. A cut body is tokenized up to where it breaks.
 *
 * <p>Only the strings that must be re-parsed are materialized ({@code getText}); every other value
 * is only tokenized. Nothing is built, looked up or allocated beyond what Jackson itself does: no
 * parser of these bytes can do less and still see every token.
 */
public final class TokenLimit {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  private TokenLimit() {}

  /** Tokens read from one Event Hub body (UTF-8 bytes), embedded bodies included. */
  public static long tokens(byte[] body) {
    long n = 0;
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        n++;
        if (t == JsonToken.VALUE_STRING && embedsJson(p.currentName())) {
          n += embedded(p.getText());
        }
      }
    } catch (IOException e) {
      // A broken body: what was read until here counts.
    }
    return n;
  }

  private static boolean embedsJson(String field) {
    if (field == null) {
      return false;
    }
    return switch (field) {
      case "requestBody",
          "responseBody",
          "backendRequestBody",
          "backendResponseBody",
          "properties" ->
          true;
      default -> false;
    };
  }

  private static long embedded(String text) {
    if (text.startsWith("data:") || text.startsWith("event:")) {
      long n = 0;
      int from = 0;
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        int end = nl < 0 ? text.length() : nl;
        if (text.startsWith("data:", from) && end - from > 6 && text.charAt(from + 6) != '[') {
          n += json(text.substring(from + 5, end));
        }
        from = end + 1;
      }
      return n;
    }
    return json(text);
  }

  private static long json(String text) {
    long n = 0;
    try (JsonParser p = FACTORY.createParser(text)) {
      while (p.nextToken() != null) {
        n++;
      }
    } catch (IOException e) {
      // cut at the logging limit
    }
    return n;
  }
}
