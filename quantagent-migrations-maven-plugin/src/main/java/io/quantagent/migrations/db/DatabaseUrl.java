package io.quantagent.migrations.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location in any of the forms QuantAgent users already have: {@code jdbc:postgresql://...}
 * and the SQLAlchemy/libpq forms {@code postgresql://user:password@host:5432/db}, {@code postgres://...},
 * {@code postgresql+psycopg2://...}. Credentials are kept apart from the JDBC URL so that the URL can be
 * logged and the password never is. A URL that cannot be used is described by its structure, never echoed.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Pattern HOST_PORT = Pattern.compile("(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._%-]+)(?::[0-9]{1,5})?");

  public DatabaseUrl {
    user = user.filter(u -> !u.isEmpty());
  }

  public static DatabaseUrl parse(String raw) {
    return parse(raw, null);
  }

  /** Parses a URL; {@code origin} (e.g. "-Dquantagent.url") names where it came from in a failure's message. */
  public static DatabaseUrl parse(String raw, String origin) {
    MalformedUrl malformed = new MalformedUrl(raw == null ? "" : raw.strip(), origin);
    if (raw == null || raw.isBlank()) {
      throw malformed.because("it is empty");
    }
    String text = raw.strip();
    boolean jdbc = text.regionMatches(true, 0, "jdbc:", 0, 5);
    int schemeStart = jdbc ? 5 : 0;
    int separator = text.indexOf("://", schemeStart);
    if (separator < 0 && malformed.isKeywordValueString()) {
      throw malformed.keywordValueString();
    }
    if (separator < 0 || !SCHEME.matcher(text.substring(schemeStart, separator)).matches()) {
      throw malformed.because("it is not of the form scheme://host/database (no '://' after a scheme)");
    }
    String scheme = text.substring(schemeStart, separator);
    if (!isPostgres(scheme.toLowerCase(Locale.ROOT), jdbc)) {
      throw malformed.notPostgres((jdbc ? "jdbc:" : "") + scheme);
    }
    int restStart = separator + 3;
    int authorityEnd = indexOfAny(text, "/?#", restStart);
    int at = text.lastIndexOf('@', authorityEnd - 1);
    int hostsStart = at >= restStart ? at + 1 : restStart;
    malformed.refuseUnencodedCredentials(restStart, hostsStart, authorityEnd);
    String hosts = text.substring(hostsStart, authorityEnd);
    if (hosts.isEmpty()) {
      throw malformed.because("it names no host (at character " + (hostsStart + 1) + ")");
    }
    int hostStart = hostsStart;
    for (String host : hosts.split(",", -1)) {
      if (!HOST_PORT.matcher(host).matches()) {
        throw malformed.badHost(host, hostStart, at >= restStart, false);
      }
      int colon = host.lastIndexOf(':');
      if (colon > host.lastIndexOf(']') && Integer.parseInt(host.substring(colon + 1)) > 65535) {
        throw malformed.badHost(host, hostStart, at >= restStart, true);
      }
      hostStart += host.length() + 1;
    }
    int queryStart = text.indexOf('?', authorityEnd);
    String database = authorityEnd < text.length() && text.charAt(authorityEnd) == '/'
        ? text.substring(authorityEnd + 1, queryStart < 0 ? text.length() : queryStart) : "";
    if (database.isEmpty()) {
      throw malformed.because("it names no database (add /<database> after the host)");
    }
    Map<String, String> query = parseQuery(text, queryStart, malformed);
    Optional<String> user = Optional.ofNullable(query.remove("user"));
    Optional<String> password = Optional.ofNullable(query.remove("password"));
    if (hostsStart > restStart) {
      String userinfo = text.substring(restStart, hostsStart - 1);
      int colon = userinfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userinfo : userinfo.substring(0, colon), malformed));
      if (colon >= 0) {
        password = Optional.of(decode(userinfo.substring(colon + 1), malformed));
      }
    }
    StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(database);
    String separatorChar = "?";
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      jdbcUrl.append(separatorChar).append(parameter.getKey()).append('=').append(parameter.getValue());
      separatorChar = "&";
    }
    return new DatabaseUrl(jdbcUrl.toString(), user, password);
  }

  /** The same location with other credentials where they are given. */
  public DatabaseUrl withCredentials(String overridingUser, String overridingPassword) {
    return new DatabaseUrl(jdbcUrl,
        overridingUser == null || overridingUser.isEmpty() ? user : Optional.of(overridingUser),
        overridingPassword == null ? password : Optional.of(overridingPassword));
  }

  /**
   * For logs: the JDBC URL (its secret parameters such as {@code sslpassword} masked), the user, and whether
   * there is a password, never the password itself.
   */
  public String display() {
    return UrlMasker.mask(jdbcUrl) + user.map(u -> " as " + u).orElse("")
        + password.map(p -> " (password " + UrlMasker.MASK + ")").orElse("");
  }

  @Override
  public String toString() {
    return display();
  }

  private static boolean isPostgres(String scheme, boolean jdbc) {
    if (jdbc) {
      return scheme.equals("postgresql");
    }
    return scheme.equals("postgresql") || scheme.equals("postgres") || scheme.startsWith("postgresql+");
  }

  private static Map<String, String> parseQuery(String text, int queryStart, MalformedUrl malformed) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (queryStart < 0) {
      return parameters;
    }
    int position = queryStart + 1;
    for (String pair : text.substring(queryStart + 1).split("&", -1)) {
      int equals = pair.indexOf('=');
      if (!pair.isEmpty() && equals <= 0) {
        throw malformed.because("the query parameter at character " + (position + 1) + " is not name=value");
      }
      if (!pair.isEmpty()) {
        String name = pair.substring(0, equals);
        String value = pair.substring(equals + 1);
        boolean credential = name.equals("user") || name.equals("password");
        parameters.put(name, credential ? decode(value, malformed) : value);
      }
      position += pair.length() + 1;
    }
    return parameters;
  }

  private static String decode(String value, MalformedUrl malformed) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The decoder's own message quotes the undecodable characters, which may be the password.
      throw malformed.because("its user or password has a malformed percent-encoding (a % not followed by two hex"
          + " digits)");
    }
  }

  private static int indexOfAny(String text, String characters, int from) {
    for (int i = from; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
