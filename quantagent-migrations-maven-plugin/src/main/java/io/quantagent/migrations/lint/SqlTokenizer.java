package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts SQL text into {@link SqlToken}s the way PostgreSQL's lexer does for what a migration linter needs: keywords
 * and identifiers (folded to lower case unless quoted), {@code "quoted"} identifiers, strings ({@code '...'} with
 * {@code ''}, {@code E'...'} with backslash escapes, {@code U&'...'}, bit strings, {@code $tag$...$tag$} bodies),
 * numbers, parameters, operators and comments ({@code --}, nested {@code /* *}{@code /}). Never fails: text it
 * cannot read (an unclosed quote) becomes a token that runs to the end.
 */
final class SqlTokenizer {
  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

  private final String text;
  private final List<SqlToken> tokens = new ArrayList<>();
  private int position;
  private int line;

  private SqlTokenizer(String text, int firstLine) {
    this.text = text;
    this.line = firstLine;
  }

  /** Every token of {@code text}, comments included; {@code firstLine} is the line the text starts on. */
  static List<SqlToken> tokenize(String text, int firstLine) {
    SqlTokenizer tokenizer = new SqlTokenizer(text, firstLine);
    tokenizer.run();
    return tokenizer.tokens;
  }

  /** The tokens without comments: what the statement says. */
  static List<SqlToken> code(String text, int firstLine) {
    List<SqlToken> all = tokenize(text, firstLine);
    all.removeIf(t -> t.kind() == Kind.COMMENT);
    return all;
  }

  private void run() {
    int length = text.length();
    while (position < length) {
      char c = text.charAt(position);
      if (c == '\n') {
        line++;
        position++;
      } else if (Character.isWhitespace(c)) {
        position++;
      } else if (c == '-' && peek(1) == '-') {
        lineComment();
      } else if (c == '/' && peek(1) == '*') {
        blockComment();
      } else if (c == '\'') {
        quoted(position, position, false);
      } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
        quoted(position, position + 1, true);
      } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && peek(1) == '\'') {
        quoted(position, position + 1, false);
      } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
        quoted(position, position + 2, false);
      } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '"') {
        quotedIdentifier(position + 2);
      } else if (c == '"') {
        quotedIdentifier(position);
      } else if (c == '$' && Character.isDigit(peek(1))) {
        parameter();
      } else if (c == '$' && dollarTagEnd(position) > 0) {
        dollarQuoted();
      } else if (isIdentifierStart(c)) {
        word();
      } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
        number();
      } else if (c == ':' && peek(1) == ':') {
        add(Kind.PUNCTUATION, "::", line, position + 2);
      } else if ("()[],;:.".indexOf(c) >= 0) {
        add(Kind.PUNCTUATION, String.valueOf(c), line, position + 1);
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        operator();
      } else {
        add(Kind.OPERATOR, String.valueOf(c), line, position + 1);
      }
    }
  }

  private char peek(int ahead) {
    int at = position + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void add(Kind kind, String value, int tokenLine, int end) {
    tokens.add(new SqlToken(kind, value, tokenLine));
    position = end;
  }

  private void lineComment() {
    int end = text.indexOf('\n', position);
    end = end < 0 ? text.length() : end;
    add(Kind.COMMENT, text.substring(position + 2, end), line, end);
  }

  private void blockComment() {
    int start = position;
    int startLine = line;
    int depth = 0;
    int j = position;
    while (j < text.length()) {
      if (text.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (text.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          break;
        }
      } else {
        if (text.charAt(j) == '\n') {
          line++;
        }
        j++;
      }
    }
    int bodyEnd = depth == 0 ? j - 2 : text.length();
    add(Kind.COMMENT, text.substring(start + 2, bodyEnd), startLine, j);
  }

  /** A string whose opening quote is at {@code quote}; {@code backslashes} for E'' strings. */
  private void quoted(int start, int quote, boolean backslashes) {
    int startLine = line;
    StringBuilder value = new StringBuilder();
    int j = quote + 1;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (backslashes && c == '\\' && j + 1 < text.length()) {
        value.append(text.charAt(j + 1));
        j += 2;
        continue;
      }
      if (c == '\'') {
        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
          value.append('\'');
          j += 2;
          continue;
        }
        j++;
        break;
      }
      if (c == '\n') {
        line++;
      }
      value.append(c);
      j++;
    }
    add(Kind.STRING, value.toString(), startLine, j);
  }

  private void quotedIdentifier(int quote) {
    int startLine = line;
    StringBuilder value = new StringBuilder();
    int j = quote + 1;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (c == '"') {
        if (j + 1 < text.length() && text.charAt(j + 1) == '"') {
          value.append('"');
          j += 2;
          continue;
        }
        j++;
        break;
      }
      if (c == '\n') {
        line++;
      }
      value.append(c);
      j++;
    }
    add(Kind.QUOTED_IDENTIFIER, value.toString(), startLine, j);
  }

  private void parameter() {
    int j = position + 1;
    while (j < text.length() && Character.isDigit(text.charAt(j))) {
      j++;
    }
    add(Kind.PARAMETER, text.substring(position, j), line, j);
  }

  /** The index just after a dollar-quote tag ({@code $$} or {@code $tag$}) starting at {@code at}, or -1. */
  private int dollarTagEnd(int at) {
    int j = at + 1;
    if (j < text.length() && isIdentifierStart(text.charAt(j))) {
      while (j < text.length() && isTagPart(text.charAt(j))) {
        j++;
      }
    }
    return j < text.length() && text.charAt(j) == '$' ? j + 1 : -1;
  }

  private void dollarQuoted() {
    int startLine = line;
    int bodyStart = dollarTagEnd(position);
    String tag = text.substring(position, bodyStart);
    int close = text.indexOf(tag, bodyStart);
    int bodyEnd = close < 0 ? text.length() : close;
    String body = text.substring(bodyStart, bodyEnd);
    line += body.chars().filter(c -> c == '\n').count();
    add(Kind.STRING, body, startLine, close < 0 ? text.length() : close + tag.length());
  }

  private void word() {
    int j = position;
    while (j < text.length() && isIdentifierPart(text.charAt(j))) {
      j++;
    }
    add(Kind.WORD, text.substring(position, j).toLowerCase(Locale.ROOT), line, j);
  }

  private void number() {
    int j = position;
    if (text.startsWith("0x", j) || text.startsWith("0X", j) || text.startsWith("0o", j) || text.startsWith("0b", j)) {
      j += 2;
      while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
        j++;
      }
      add(Kind.NUMBER, text.substring(position, j), line, j);
      return;
    }
    j = digits(j);
    if (j < text.length() && text.charAt(j) == '.' && !(j + 1 < text.length() && text.charAt(j + 1) == '.')) {
      j = digits(j + 1);
    }
    if (j < text.length() && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < text.length() && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
        k++;
      }
      if (k < text.length() && Character.isDigit(text.charAt(k))) {
        j = digits(k);
      }
    }
    add(Kind.NUMBER, text.substring(position, j), line, j);
  }

  private int digits(int from) {
    int j = from;
    while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    return j;
  }

  private void operator() {
    int j = position;
    while (j < text.length() && OPERATOR_CHARS.indexOf(text.charAt(j)) >= 0
        && !text.startsWith("--", j) && !text.startsWith("/*", j)) {
      j++;
    }
    if (j == position) {
      j++;
    }
    add(Kind.OPERATOR, text.substring(position, j), line, j);
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
  }

  private static boolean isTagPart(char c) {
    return isIdentifierStart(c) || Character.isDigit(c);
  }
}
