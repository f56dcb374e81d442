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
  /** What cuts a URL short before its '@': a shell at an unquoted &amp;, ; or space, a .env file at " #". */
  private static final String CUT_HINT = "a shell ends an unquoted value at &, ; or a space, and .env ends it at"
      + " ' #': quote the URL, and percent-encode these characters in a password: & is %26, ; is %3B, # is %23, a"
      + " space is %20";
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
