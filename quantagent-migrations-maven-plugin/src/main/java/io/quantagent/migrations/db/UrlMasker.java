package io.quantagent.migrations.db;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides secrets in text before it reaches a log or a message: the password of any URL
 * (also when it holds an unencoded {@code @} or {@code /}), the value of any parameter whose name contains
 * {@code password} or {@code secret} ({@code password=}, {@code sslpassword=}, {@code PGPASSWORD=}), and a
 * script's SQL password literal ({@code PASSWORD '...'}). It works on any text, parsed or not, because malformed
 * URLs are exactly the ones that end up in error messages.
 */
public final class UrlMasker {
  public static final String MASK = "****";

  // user:password@host in a URL's authority, also without a scheme. The password runs to the last '@' before a
  // host, so an unencoded '@' or '/' in it is hidden too (a later '@' in a query hides a little too much); it
  // never spans '//', so the scheme of "jdbc:postgresql://" is not taken for a user.
  private static final Pattern USERINFO_PASSWORD = Pattern.compile(
      "((?:^|//|[\\s'\"(=<>\\[])[^/:\\s'\"<>\\[]*:)((?:(?!//)[^\\s'\"<>])*)(@(?=[A-Za-z0-9\\[_%.-])[^@\\s'\"<>]*)");

  // A string in any of PostgreSQL's forms: '...', E'...' (where \' is a quote too), U&'...' and $tag$...$tag$. It runs
  // to its closing quote, or to the end of a first line cut short, and no further: in a failure, the lines after it
  // say what went wrong. Case-insensitive and multi-line in the patterns below.
  private static final String SQL_STRING = "e'(?:\\\\.|[^'\\\\\\n]|'')*'?|(?:u&)?'(?:[^'\\n]|'')*'?"
      + "|\\$(?<tag>[a-z_][a-z_0-9]*|)\\$.*?(?:\\$\\k<tag>\\$|$)";

  // name=value where the name says it is a secret: a query parameter, a .env line, a key=value pair, Maven's -X line
  // "(f) password = ...", SQL's SET app.secret = '...' or TO '...'. A quoted value is hidden to its closing quote.
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "((?:^|[?&;,{(\\s])[A-Za-z0-9_.-]*(?:password|secret|passwd)[A-Za-z0-9_.-]*(?:\\s*=[ \\t]*|\\s+to\\s+"
          + "(?=(?:e|u&)?'|\\$[a-z_0-9]*\\$)))"
          + "(" + SQL_STRING + "|\"[^\"\\n]*\"?|[^&;,})\\s'\"]*)",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  /** SQL_STRING's tag in SECRET_PARAMETER, after the name and the value (Java 17 has no MatchResult.group(name)). */
  private static final int DOLLAR_TAG = 3;

  // A password literal in SQL: CREATE or ALTER ROLE ... PASSWORD '...', a user mapping's OPTIONS (password '...'). A
  // statement shows in a failure, in lint and under -X.
  private static final Pattern SQL_PASSWORD_LITERAL = Pattern.compile("(\\bpassword\\s+)(?:" + SQL_STRING + ")",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private UrlMasker() {}

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    // Each pattern only where its sign is: most log lines, e.g. the 10,000 of a history, have none.
    String masked = text;
    if (text.indexOf('@') >= 0) {
      masked = USERINFO_PASSWORD.matcher(masked)
          .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    }
    if (masked.indexOf('=') >= 0 || masked.indexOf('\'') >= 0 || masked.indexOf('$') >= 0) {
      masked = SECRET_PARAMETER.matcher(masked)
          .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + masked(m.group(2), m.group(DOLLAR_TAG) != null)));
    }
    if (masked.indexOf('\'') >= 0 || masked.indexOf('$') >= 0) {
      masked = SQL_PASSWORD_LITERAL.matcher(masked)
          .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
    }
    return masked;
  }

  /** The mask in a value's own quotes, if it had them; in plain quotes for SQL's other string forms. */
  private static String masked(String value, boolean dollarQuoted) {
    char first = value.isEmpty() ? ' ' : value.charAt(0);
    if (first == '\'' || first == '"') {
      return first + MASK + first;
    }
    return dollarQuoted || value.indexOf('\'') > 0 ? "'" + MASK + "'" : MASK;
  }

  /** JDBC connection properties for a log line, sorted, with every secret one masked. */
  public static String mask(Properties properties) {
    Map<String, String> shown = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      shown.put(name, isSecretName(name) ? MASK : mask(properties.getProperty(name)));
    }
    return shown.toString();
  }

  /** Whether a parameter of this name holds a secret and its value must never be shown. */
  public static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("secret") || lower.contains("passwd");
  }
}
