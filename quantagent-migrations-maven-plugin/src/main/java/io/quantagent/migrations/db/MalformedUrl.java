package io.quantagent.migrations.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a database URL cannot be used by its structure (the scheme, the host when it is unambiguous, the
 * position of the problem) and never by echoing its text: the text of a URL that failed to parse is exactly
 * the one whose password the parser could not find.
 */
final class MalformedUrl {
  static final String ENCODING_HINT = "A password with @, :, /, ? or # must be percent-encoded: @ is %40, : is %3A,"
      + " / is %2F, ? is %3F, # is %23.";
  /** What cuts a URL short before its '@': a shell at an unquoted &amp;, ; or space, a .env file at " #". */
  private static final String CUT_HINT = "a shell ends an unquoted value at &, ; or a space, and .env ends it at"
      + " ' #': quote the URL, and percent-encode these characters in a password: & is %26, ; is %3B, # is %23, a"
      + " space is %20";
  private static final String SUPPORTED = "postgresql://<user>:<password>@<host>:5432/<database>, postgres://...,"
      + " postgresql+psycopg2://... or jdbc:postgresql://<host>:5432/<database>";

  /** A key, '=', and a value: single-quoted as libpq quotes it, or up to the next blank. */
  private static final Pattern KEYWORD_VALUE = Pattern.compile("\\s*([A-Za-z_]+)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)");
  private static final Set<String> LIBPQ_KEYWORDS = Set.of("host", "hostaddr", "port", "dbname", "user", "password",
      "passfile", "sslmode", "connect_timeout", "application_name", "options", "service", "target_session_attrs");

  private final String text;
  private final String origin;

  MalformedUrl(String text, String origin) {
    this.text = text;
    this.origin = origin;
  }

  InvalidDatabaseUrlException because(String why) {
    boolean credentials = text.indexOf('@') >= 0;
    return new InvalidDatabaseUrlException("The database URL" + (origin == null ? "" : " from " + origin)
        + " cannot be used: " + why + "." + (credentials ? " " + ENCODING_HINT : "") + " Expected " + SUPPORTED + ".");
  }

  /**
   * A URL of another database (Alembic's {@code sqlite:///./quantagent.db} for development, MySQL): said with the two
   * ways to a PostgreSQL, and without the password encoding, which is not what is wrong. What to remove is where the
   * URL came from: a {@code -Dquantagent.url} or a POM's {@code <url>} wins over DATABASE_URL and .env.
   */
  InvalidDatabaseUrlException notPostgres(String scheme) {
    return new InvalidDatabaseUrlException("The database URL" + (origin == null ? "" : " from " + origin)
        + " cannot be used: the scheme '" + scheme + "' is not PostgreSQL; QuantAgent Migrations supports PostgreSQL"
        + " only. For development, remove " + (origin == null || origin.contains("DATABASE_URL")
            ? "that DATABASE_URL (the variable, and its line in .env)" : origin) + ": with no URL"
        + " anywhere, every goal uses the embedded development database, a PostgreSQL the plugin starts itself."
        + " For a server, mvn quantagent:setup asks for its parts and writes its URL to .env. Expected " + SUPPORTED
        + ".");
  }

  /**
   * A libpq keyword/value string ({@code host=db port=5432 dbname=quantagent user=quant password=...}), which psql
   * and psycopg2 take where a URL goes, and this plugin does not: said with the URL to write instead, made of the
   * host, port, database and user when each is a plain word, the password never.
   */
  InvalidDatabaseUrlException keywordValueString() {
    Map<String, String> values = new HashMap<>();
    Matcher pair = KEYWORD_VALUE.matcher(text);
    while (pair.find()) {
      String key = pair.group(1).toLowerCase(Locale.ROOT);
      if (LIBPQ_KEYWORDS.contains(key)) { // anything else may be a piece of a password with a blank in it
        values.putIfAbsent(key, pair.group(2));
      }
    }
    String user = plain(values.get("user"), "<user>");
    String url = "postgresql://" + user + (values.containsKey("password") ? ":<password>" : "") + "@"
        + plain(values.getOrDefault("host", values.get("hostaddr")), "<host>") + ":"
        + plain(values.getOrDefault("port", "5432"), "<port>") + "/" + plain(values.get("dbname"), "<database>");
    return new InvalidDatabaseUrlException("The database URL" + (origin == null ? "" : " from " + origin)
        + " cannot be used: it is a libpq keyword/value string (keys " + String.join(", ", values.keySet().stream()
        .sorted().toList()) + "), which psql reads and this plugin does not. Write it as a"
        + " URL: " + url + (values.containsKey("password") ? ", the password percent-encoded (@ is %40, : is %3A,"
        + " / is %2F, ? is %3F, # is %23, % is %25), or leave it out and give -Dquantagent.password" : "")
        + "; mvn quantagent:setup asks for each part and writes the URL into .env.");
  }

  /** Whether the text opens as a libpq keyword/value string rather than a URL. */
  boolean isKeywordValueString() {
    Matcher first = KEYWORD_VALUE.matcher(text);
    return first.lookingAt() && LIBPQ_KEYWORDS.contains(first.group(1).toLowerCase(Locale.ROOT));
  }

  private static String plain(String value, String placeholder) {
    return value != null && value.matches("[A-Za-z0-9._-]+") ? value : placeholder;
  }

  /**
   * Refuses what an unencoded character in a password does to a URL: a second '@' before the host, an '@' where
   * the database name should be (a '/' in the password ended the host part early), a '#' (which no database
   * URL has). Until these are ruled out, any piece of the text may be part of a password.
   */
  void refuseUnencodedCredentials(int restStart, int hostsStart, int authorityEnd) {
    List<Integer> ats = positions('@', restStart, hostsStart - 1);
    if (!ats.isEmpty()) {
      ats.add(hostsStart);
      throw because("it has " + ats.size() + " '@' before the host (characters " + join(ats) + "); only one may"
          + " separate user:password from the host");
    }
    int hash = text.indexOf('#', restStart);
    if (hash >= 0) {
      throw because("it has a '#' (character " + (hash + 1) + "), which no database URL has");
    }
    if (authorityEnd < text.length() && text.charAt(authorityEnd) == '/') {
      int queryStart = text.indexOf('?', authorityEnd);
      List<Integer> inPath = positions('@', authorityEnd, queryStart < 0 ? text.length() : queryStart);
      if (!inPath.isEmpty()) {
        throw because("it has an '@' (character " + inPath.get(0) + ") after the '/' that ends the host part"
            + " (character " + (authorityEnd + 1) + "), where the database name is");
      }
    }
  }

  /**
   * Refuses a host that is not host[:port]. It is named as typed only when nothing in it can be a password, and by
   * position otherwise: when an '@' follows it, or when the URL has no '@' and a ':' in it is followed by no port,
   * which is what user:password looks like once the URL is cut short before its '@' (by an unquoted &amp;, ; or space
   * in a shell, or by " #" in .env).
   */
  InvalidDatabaseUrlException badHost(String host, int start, boolean separatedFromUserinfo, boolean portTooHigh) {
    boolean mayBeCutUserinfo = !separatedFromUserinfo && text.indexOf('@') < 0 && hasColonWithoutPort(host);
    if (mayBeCutUserinfo) {
      return because(position(host, start) + " is not a host[:port]: what follows its ':' is no port (0 to 65535),"
          + " so it may be user:password cut short before its '@' (" + CUT_HINT + ")");
    }
    String shown = separatedFromUserinfo || text.indexOf('@') < 0 ? "'" + host + "'" : position(host, start);
    return because(portTooHigh ? "the port of " + shown + " is above 65535" : shown + " is not a host[:port]");
  }

  private static String position(String host, int start) {
    return "the host part (characters " + (start + 1) + " to " + (start + host.length()) + ")";
  }

  /** A ':' outside an IPv6 address's brackets, followed by anything but a port number. */
  private static boolean hasColonWithoutPort(String host) {
    int colon = host.indexOf(':', host.lastIndexOf(']') + 1);
    if (colon < 0) {
      return false;
    }
    String port = host.substring(colon + 1);
    return !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535;
  }

  /** 1-based positions of {@code c} in [from, to). */
  private List<Integer> positions(char c, int from, int to) {
    List<Integer> found = new ArrayList<>();
    for (int i = Math.max(from, 0); i < to && i < text.length(); i++) {
      if (text.charAt(i) == c) {
        found.add(i + 1);
      }
    }
    return found;
  }

  private static String join(List<Integer> positions) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < positions.size(); i++) {
      joined.append(i == 0 ? "" : i == positions.size() - 1 ? " and " : ", ").append(positions.get(i));
    }
    return joined.toString();
  }
}
