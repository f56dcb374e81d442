package io.quantagent.migrations.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a script into statements the way psql does: a {@code ;} ends a statement only outside string
 * literals ({@code '...'}, {@code E'...'}), quoted identifiers, dollar-quoted bodies ({@code $$}, {@code $fn$}),
 * comments ({@code --}, nested {@code /* *}{@code /}) and the {@code BEGIN ATOMIC ... END} body of a
 * SQL-standard function. MyBatis' own runner splits at any line ending in {@code ;}, which breaks every
 * PL/pgSQL function.
 */
public final class PostgresScriptSplitter {
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_\\x80-\\uFFFF][A-Za-z0-9_\\x80-\\uFFFF]*)?\\$");
  private static final Pattern ROUTINE =
      Pattern.compile("(?is)\\s*create\\s+(or\\s+replace\\s+)?(function|procedure)\\b.*");

  private PostgresScriptSplitter() {}

  public static List<SqlStatement> split(String script) {
    return read(script).statements();
  }

  /**
   * The {@code --} comments of {@code script} that have a line of their own, as the same scan sees them: the text
   * of a comment-like line inside a string, a quoted identifier, a dollar-quoted body or a block comment is none.
   */
  public static List<LineComment> ownLineComments(String script) {
    List<LineComment> comments = new ArrayList<>();
    scan(script, null, comments);
    return comments;
  }

  /** A {@code --} comment alone on its line: its line number and its text after the dashes, stripped. */
  public record LineComment(int line, String text) {}

  /**
   * The block comment, string, quoted identifier or dollar-quoted body of {@code script} that never ends, if one does.
   * {@link #split} reads all the rest as part of it, so the statements after it would be skipped as a comment or sent
   * as one statement PostgreSQL refuses ("unterminated /* comment"): a run must refuse such a script first.
   */
  public static Optional<Unterminated> unterminated(String script) {
    return read(script).unterminated();
  }

  /** A script's statements and, from the same scan, what in it never ends. */
  public record Read(List<SqlStatement> statements, Optional<Unterminated> unterminated) {}

  /** {@link #split} and {@link #unterminated} in one pass over the text. */
  public static Read read(String script) {
    List<SqlStatement> statements = new ArrayList<>();
    Unterminated unterminated = scan(script, statements, null);
    return new Read(statements, Optional.ofNullable(unterminated));
  }

  /**
   * Adds the statements to {@code statements} and the own-line comments to {@code comments}, each unless null;
   * returns what never ends, or null.
   */
  private static Unterminated scan(String script, List<SqlStatement> statements, List<LineComment> comments) {
    int length = script.length();
    int start = 0;
    int line = 1;
    int startLine = 1;
    int blockDepth = 0; // BEGIN/CASE ... END nesting inside CREATE FUNCTION/PROCEDURE
    Unterminated unterminated = null;
    int i = 0;
    while (i < length) {
      char c = script.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == '-' && next(script, i) == '-') {
        int end = endOfLine(script, i);
        if (comments != null && aloneOnItsLine(script, i)) {
          comments.add(new LineComment(line, script.substring(i + 2, end).strip()));
        }
        i = end;
      } else if (c == '/' && next(script, i) == '*') {
        int end = endOfBlockComment(script, i);
        if (end < 0) {
          unterminated = new Unterminated(line, Unterminated.Kind.BLOCK_COMMENT, "/*");
          end = length;
        }
        line += count(script, i, end, '\n');
        i = end;
      } else if (c == '\'' || c == '"') {
        boolean escapes = c == '\'' && i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
            && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
        int end = endOfQuoted(script, i, c, escapes);
        if (end < 0) {
          unterminated = new Unterminated(line,
              c == '"' ? Unterminated.Kind.QUOTED_IDENTIFIER : Unterminated.Kind.STRING, String.valueOf(c));
          end = length;
        }
        line += count(script, i, end, '\n');
        i = end;
      } else if (c == '$' && (i == 0 || !isIdentifierPart(script.charAt(i - 1)))) {
        Matcher tag = DOLLAR_TAG.matcher(script).region(i, length);
        if (tag.lookingAt()) {
          int close = script.indexOf(tag.group(), tag.end());
          if (close < 0) {
            unterminated = new Unterminated(line, Unterminated.Kind.DOLLAR_QUOTE, tag.group());
          }
          int end = close < 0 ? length : close + tag.group().length();
          line += count(script, i, end, '\n');
          i = end;
        } else {
          i++;
        }
      } else if (Character.isLetter(c) && (i == 0 || !isIdentifierPart(script.charAt(i - 1)))) {
        int end = i;
        while (end < length && isIdentifierPart(script.charAt(end))) {
          end++;
        }
        String word = script.substring(i, end).toLowerCase(Locale.ROOT);
        if ((word.equals("begin") || word.equals("case"))
            && ROUTINE.matcher(script.substring(codeStart(script, start, i), i)).matches()) {
          blockDepth++;
        } else if (word.equals("end") && blockDepth > 0) {
          blockDepth--;
        }
        i = end;
      } else if (c == ';' && blockDepth == 0) {
        if (statements != null) {
          add(statements, script.substring(start, i + 1), startLine);
        }
        i++;
        start = i;
        startLine = line;
      } else {
        i++;
      }
    }
    if (statements != null) {
      add(statements, script.substring(start), startLine);
    }
    return unterminated;
  }

  private static boolean aloneOnItsLine(String script, int at) {
    for (int i = at - 1; i >= 0 && script.charAt(i) != '\n'; i--) {
      if (!Character.isWhitespace(script.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the code of the statement text from {@code from} starts, past blanks and comments: a section's
   * {@code -- // description} header, or a comment on the line before, is text of the statement that follows it.
   */
  private static int codeStart(String script, int from, int to) {
    int i = from;
    while (i < to) {
      if (Character.isWhitespace(script.charAt(i))) {
        i++;
      } else if (script.startsWith("--", i)) {
        i = endOfLine(script, i);
      } else if (script.startsWith("/*", i)) {
        i = orEnd(script, endOfBlockComment(script, i));
      } else {
        break;
      }
    }
    return Math.min(i, to);
  }

  private static void add(List<SqlStatement> statements, String text, int line) {
    // Leading blank lines and comments belong to no statement: skip them for the line number.
    int offset = 0;
    while (offset < text.length()) {
      char c = text.charAt(offset);
      if (c == '\n') {
        line++;
        offset++;
      } else if (Character.isWhitespace(c)) {
        offset++;
      } else if (c == '-' && next(text, offset) == '-') {
        offset = endOfLine(text, offset);
      } else if (c == '/' && next(text, offset) == '*') {
        int end = orEnd(text, endOfBlockComment(text, offset));
        line += count(text, offset, end, '\n');
        offset = end;
      } else {
        break;
      }
    }
    String sql = text.substring(offset).strip();
    if (!sql.isEmpty() && !sql.equals(";")) {
      statements.add(new SqlStatement(statements.size() + 1, line, sql));
    }
  }

  private static char next(String s, int i) {
    return i + 1 < s.length() ? s.charAt(i + 1) : '\0';
  }

  private static int endOfLine(String s, int i) {
    int newline = s.indexOf('\n', i);
    return newline < 0 ? s.length() : newline;
  }

  /** {@code end}, or the end of {@code s} when what began never ends ({@code end} is -1). */
  private static int orEnd(String s, int end) {
    return end < 0 ? s.length() : end;
  }

  /** Just past the {@code *}{@code /} that closes the comment at {@code i} (comments nest), or -1. */
  private static int endOfBlockComment(String s, int i) {
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      if (s.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return -1;
  }

  /** Just past the quote that closes the one at {@code i}, or -1. */
  private static int endOfQuoted(String s, int i, char quote, boolean backslashEscapes) {
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (backslashEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (next(s, j) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return -1;
  }

  private static int count(String s, int from, int to, char c) {
    int n = 0;
    for (int i = from; i < to && i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
