package io.quantagent.migrations.lint;

/** JSON literals for the documents the plugin writes (lint's report and SARIF, the goals' -Dquantagent.format=json). */
public final class Json {
  private Json() {}

  public static String string(String value) {
    if (value == null) {
      return "null";
    }
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
