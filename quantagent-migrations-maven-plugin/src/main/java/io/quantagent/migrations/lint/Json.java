package io.quantagent.migrations.lint;

import io.quantagent.migrations.db.UrlMasker;

/**
 * JSON literals for the documents the plugin writes (lint's report and SARIF, the goals' -Dquantagent.format=json).
 * Every string passes the mask before it is escaped, as a log line does: a finding or a schema difference may quote a
 * statement or a view's definition that holds a password. Masking the escaped document instead could break it, as
 * the mask of an unquoted value would take the backslash of an escaped quote along.
 */
public final class Json {
  private Json() {}

  public static String string(String value) {
    return value == null ? "null" : escaped(UrlMasker.mask(value));
  }

  /**
   * A file's path, not masked: it holds no secret, and a Windows path such as {@code C:\ci\trading@2\x.sql} (Jenkins'
   * concurrent workspaces) reads to the mask as {@code user:password@host}.
   */
  public static String path(String value) {
    return value == null ? "null" : escaped(value);
  }

  private static String escaped(String value) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
