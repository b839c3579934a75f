package dev.tollgate.core.enrich;

import java.util.Locale;

/**
 * The Azure OpenAI account ({@code azure.openai.account}, lower case, as ARM names are
 * case-insensitive) a record is about: from an account's resource id (resource logs) or from the
 * host of the backend URL (gateway records), so both views of one account meet on one name.
 */
public final class OpenAiAccount {
  private static final String[] HOST_SUFFIXES = {
    ".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"
  };
  private static final String ACCOUNTS = "/providers/microsoft.cognitiveservices/accounts/";

  private OpenAiAccount() {}

  /** The last segment of a {@code Microsoft.CognitiveServices/accounts/{name}} id, else null. */
  public static String fromResourceId(String resourceId) {
    if (resourceId == null) {
      return null;
    }
    String id = resourceId.strip().toLowerCase(Locale.ROOT);
    int at = id.indexOf(ACCOUNTS);
    if (at < 0) {
      return null;
    }
    String name = id.substring(at + ACCOUNTS.length());
    int slash = name.indexOf('/');
    if (slash >= 0) {
      name = name.substring(0, slash);
    }
    return name.isEmpty() ? null : name;
  }

  /**
   * The account from a URL's host ({@code {account}.openai.azure.com}, {@code
   * .cognitiveservices.azure.com}, {@code .services.ai.azure.com}); null for any other host, e.g. a
   * gateway's own or a custom domain, and for a bare path.
   */
  public static String fromUrl(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String host = url.substring(start, end).toLowerCase(Locale.ROOT);
    int userInfo = host.lastIndexOf('@');
    if (userInfo >= 0) {
      host = host.substring(userInfo + 1);
    }
    int port = host.indexOf(':');
    if (port >= 0) {
      host = host.substring(0, port);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    for (String suffix : HOST_SUFFIXES) {
      if (host.endsWith(suffix)) {
        String name = host.substring(0, host.length() - suffix.length());
        // one label only: a.b.openai.azure.com is not an account endpoint
        return name.isEmpty() || name.indexOf('.') >= 0 ? null : name;
      }
    }
    return null;
  }
}
