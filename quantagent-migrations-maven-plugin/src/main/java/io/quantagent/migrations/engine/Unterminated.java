package io.quantagent.migrations.engine;

/**
 * A block comment, string, quoted identifier or dollar-quoted body that never ends ({@link
 * PostgresScriptSplitter#unterminated}): its kind, the line (of the text split) where it starts, and how it opens.
 */
public record Unterminated(int line, Kind kind, String opening) {
  public enum Kind { BLOCK_COMMENT, STRING, QUOTED_IDENTIFIER, DOLLAR_QUOTE }

  /** What is wrong and how to fix it, for a message that names the file and line before it. */
  public String describe() {
    return switch (kind) {
      case BLOCK_COMMENT -> "a /* comment starts here and never ends, so everything after it in this part would"
          + " be skipped as comment (psql would stop with \"unterminated /* comment\"). PostgreSQL nests block"
          + " comments: each /* inside one, as in 'logs/* rows', opens another that needs a */ of its own. Close"
          + " every /*, or write the inner ones another way.";
      case STRING -> "a ' string starts here and never ends, so everything after it in this part would be sent"
          + " as one statement (PostgreSQL: \"unterminated quoted string\"). Close it with '; a ' inside a"
          + " string is written ''.";
      case QUOTED_IDENTIFIER -> "a \" quoted identifier starts here and never ends, so everything after it in"
          + " this part would be sent as one statement (PostgreSQL: \"unterminated quoted identifier\"). Close"
          + " it with \"; a \" inside a name is written \"\".";
      case DOLLAR_QUOTE -> "a " + opening + " quoted body starts here and never ends, so everything after it in"
          + " this part would be sent as one statement (PostgreSQL: \"unterminated dollar-quoted string\")."
          + " Close it with " + opening + ", spelled the same.";
    };
  }
}
