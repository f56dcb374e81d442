package io.quantagent.migrations.engine;

/** One statement of a script: its position (1-based number and line) and its text. */
public record SqlStatement(int number, int line, String sql) {

  /** The first line that is not a comment, for messages. */
  public String firstLine() {
    for (String text : sql.split("\n")) {
      String trimmed = text.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
        return trimmed.length() > 120 ? trimmed.substring(0, 117) + "..." : trimmed;
      }
    }
    return sql.strip();
  }
}
