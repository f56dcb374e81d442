package io.quantagent.migrations.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a script as it reads, not as it is stored: line endings (CRLF or LF), trailing white
 * space and trailing blank lines do not count, so a checkout on Windows or an editor's clean-up is not an
 * edit.
 */
public final class ScriptChecksum {
  /**
   * Never updated, only copied: looking SHA-256 up among the security providers for each script took a sixth of
   * the time of checksumming 10,000 scripts, while copying a fresh digest costs next to nothing.
   */
  private static final MessageDigest FRESH_SHA_256 = lookUpSha256();

  private ScriptChecksum() {}

  public static String of(String text) {
    byte[] digest = freshSha256().digest(normalized(text).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  private static MessageDigest freshSha256() {
    try {
      return (MessageDigest) FRESH_SHA_256.clone();
    } catch (CloneNotSupportedException providerWithoutCopies) {
      return lookUpSha256();
    }
  }

  private static MessageDigest lookUpSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /**
   * The text as every changelog's checksum was first defined: {@code \r\n} and {@code \r} made {@code \n}, then
   * {@code [ \t\x0B\f]+\n} replaced by {@code \n} and {@code \s+$} by nothing. One pass, because at 10,000 scripts
   * the three regular expressions cost more than the hashing. Java's {@code $} also matches before a final line
   * terminator, and U+0085, U+2028 and U+2029 are terminators that are not white space: the space before one of
   * them, when it ends the text, goes too.
   */
  private static String normalized(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int lineSpaceFrom = -1; // where the current run of horizontal space began in out, if one is open
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        c = '\n';
      }
      if (c == '\n') {
        if (lineSpaceFrom >= 0) {
          out.setLength(lineSpaceFrom);
        }
        lineSpaceFrom = -1;
      } else if (isHorizontalSpace(c)) {
        if (lineSpaceFrom < 0) {
          lineSpaceFrom = out.length();
        }
      } else {
        lineSpaceFrom = -1;
      }
      out.append(c);
    }
    int end = out.length();
    boolean finalTerminator = end > 0 && isTerminatorButNotSpace(out.charAt(end - 1));
    int spaceEnd = finalTerminator ? end - 1 : end;
    int spaceFrom = spaceEnd;
    while (spaceFrom > 0 && isSpace(out.charAt(spaceFrom - 1))) {
      spaceFrom--;
    }
    return out.delete(spaceFrom, spaceEnd).toString();
  }

  private static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
  }

  private static boolean isSpace(char c) {
    return isHorizontalSpace(c) || c == '\n';
  }

  private static boolean isTerminatorButNotSpace(char c) {
    return c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
