package io.quantagent.migrations.db;

import java.util.regex.Pattern;

/**
 * The one place that hides passwords in URLs before they reach a log or a message. It works on any
 * text, parsed or not, because malformed URLs are exactly the ones that end up in error messages.
 */
public final class UrlMasker {
  public static final String MASK = "****";

  // user:password@ in a URL's authority, also when the scheme is missing; the password may contain
  // anything but '@', '/' and white space.
  private static final Pattern USERINFO_PASSWORD = Pattern.compile("((?:^|//|[\\s'\"(])[^/@:\\s'\"]*:)([^@/\\s]*)(@)");
  // password=... as a query parameter or a key=value pair.
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("((?:^|[?&;\\s])password=)([^&;\\s]*)", Pattern.CASE_INSENSITIVE);

  private UrlMasker() {}

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = USERINFO_PASSWORD.matcher(text).replaceAll("$1" + MASK + "$3");
    return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }
}
