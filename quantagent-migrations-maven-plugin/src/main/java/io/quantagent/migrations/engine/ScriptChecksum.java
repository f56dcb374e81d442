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
  private ScriptChecksum() {}

  public static String of(String text) {
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n')
        .replaceAll("[ \\t\\x0B\\f]+\\n", "\n")
        .replaceAll("[\\s]+$", "");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }
}
