package io.quantagent.migrations.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Says why a database URL cannot be used by its structure (the scheme, the host when it is unambiguous, the
 * position of the problem) and never by echoing its text: the text of a URL that failed to parse is exactly
 * the one whose password the parser could not find.
 */
final class MalformedUrl {
  static final String ENCODING_HINT = "A password with @, :, /, ? or # must be percent-encoded: @ is %40, : is %3A,"
      + " / is %2F, ? is %3F, # is %23.";
  private static final String SUPPORTED = "postgresql://<user>:<password>@<host>:5432/<database>, postgres://...,"
      + " postgresql+psycopg2://... or jdbc:postgresql://<host>:5432/<database>";

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

  /** The host as typed when nothing before it can be a password; otherwise only where it is. */
  String host(String host, int start, boolean separatedFromUserinfo) {
    if (separatedFromUserinfo || text.indexOf('@') < 0) {
      return "'" + host + "'";
    }
    return "the host part (characters " + (start + 1) + " to " + (start + host.length()) + ")";
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
