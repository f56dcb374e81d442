package io.quantagent.migrations.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location in any of the forms QuantAgent users already have: {@code jdbc:postgresql://...}
 * and the SQLAlchemy/libpq forms {@code postgresql://user:password@host:5432/db}, {@code postgres://...},
 * {@code postgresql+psycopg2://...}. Credentials are kept apart from the JDBC URL so that the URL can be
 * logged and the password never is.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

  private static final String SUPPORTED =
      "postgresql://user:password@host:5432/db, postgres://..., postgresql+psycopg2://... or jdbc:postgresql://host:5432/db";

  // scheme://[userinfo@]hostspec[/database][?query]; hostspec may list several hosts for failover.
  private static final Pattern URL =
      Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:(?<userinfo>[^@/?#]*)@)?(?<hosts>[^/?#]*)(?:/(?<database>[^?#]*))?(?:\\?(?<query>[^#]*))?");
  private static final Pattern HOST_PORT = Pattern.compile("(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._%-]+)(?::[0-9]{1,5})?");

  public DatabaseUrl {
    user = user.filter(u -> !u.isEmpty());
  }

  public static DatabaseUrl parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidDatabaseUrlException("The database URL is empty. Expected " + SUPPORTED + ".");
    }
    String text = raw.strip();
    boolean jdbc = text.regionMatches(true, 0, "jdbc:", 0, 5);
    Matcher m = URL.matcher(jdbc ? text.substring(5) : text);
    if (!m.matches()) {
      throw invalid(text, "it is not of the form scheme://host/database");
    }
    String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
    if (!isPostgres(scheme, jdbc)) {
      throw invalid(text, "the scheme '" + (jdbc ? "jdbc:" : "") + m.group("scheme")
          + "' is not PostgreSQL; QuantAgent Migrations supports PostgreSQL only");
    }
    String hosts = m.group("hosts");
    if (hosts.isEmpty()) {
      throw invalid(text, "it names no host");
    }
    for (String host : hosts.split(",", -1)) {
      if (!HOST_PORT.matcher(host).matches()) {
        throw invalid(text, "'" + host + "' is not a host[:port]");
      }
      int colon = host.lastIndexOf(':');
      if (colon > host.lastIndexOf(']') && Integer.parseInt(host.substring(colon + 1)) > 65535) {
        throw invalid(text, "the port in '" + host + "' is above 65535");
      }
    }
    String database = m.group("database");
    if (database == null || database.isEmpty()) {
      throw invalid(text, "it names no database (add /<database> after the host)");
    }
    Map<String, String> query = parseQuery(text, m.group("query"));
    Optional<String> user = Optional.ofNullable(query.remove("user"));
    Optional<String> password = Optional.ofNullable(query.remove("password"));
    String userinfo = m.group("userinfo");
    if (userinfo != null) {
      int colon = userinfo.indexOf(':');
      user = Optional.of(decode(text, colon < 0 ? userinfo : userinfo.substring(0, colon)));
      if (colon >= 0) {
        password = Optional.of(decode(text, userinfo.substring(colon + 1)));
      }
    }
    StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(database);
    String separator = "?";
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      jdbcUrl.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
      separator = "&";
    }
    return new DatabaseUrl(jdbcUrl.toString(), user, password);
  }

  /** The same location with other credentials where they are given. */
  public DatabaseUrl withCredentials(String overridingUser, String overridingPassword) {
    return new DatabaseUrl(jdbcUrl,
        overridingUser == null || overridingUser.isEmpty() ? user : Optional.of(overridingUser),
        overridingPassword == null ? password : Optional.of(overridingPassword));
  }

  /** For logs: the JDBC URL, the user, and whether there is a password, never the password itself. */
  public String display() {
    return jdbcUrl + user.map(u -> " as " + u).orElse("") + password.map(p -> " (password " + UrlMasker.MASK + ")").orElse("");
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

  private static Map<String, String> parseQuery(String text, String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw invalid(text, "the query parameter '" + UrlMasker.mask(pair) + "' is not name=value");
      }
      String name = pair.substring(0, equals);
      String value = pair.substring(equals + 1);
      boolean credential = name.equals("user") || name.equals("password");
      parameters.put(name, credential ? decode(text, value) : value);
    }
    return parameters;
  }

  private static String decode(String text, String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The decoder's own message quotes the undecodable characters, which may be the password.
      throw invalid(text, "its user or password has a malformed percent-encoding (a % not followed by two hex digits)");
    }
  }

  private static InvalidDatabaseUrlException invalid(String text, String why) {
    return new InvalidDatabaseUrlException("The database URL '" + UrlMasker.mask(text) + "' cannot be used: " + why
        + ". Expected " + SUPPORTED + ".");
  }
}
