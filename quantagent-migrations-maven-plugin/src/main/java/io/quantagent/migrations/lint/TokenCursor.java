package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a statement's tokens front to back, for the parsers: look ahead, accept keywords, skip parentheses. */
final class TokenCursor {
  private static final SqlToken END = new SqlToken(Kind.PUNCTUATION, ";", -1);

  private final List<SqlToken> tokens;
  private int at;

  TokenCursor(List<SqlToken> tokens) {
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).isPunctuation(";")) {
      end--;
    }
    this.tokens = tokens.subList(0, end);
  }

  boolean atEnd() {
    return at >= tokens.size();
  }

  SqlToken peek() {
    return peek(0);
  }

  SqlToken peek(int ahead) {
    int index = at + ahead;
    return index < tokens.size() ? tokens.get(index) : END;
  }

  SqlToken next() {
    SqlToken token = peek();
    if (!atEnd()) {
      at++;
    }
    return token;
  }

  /** Whether the next tokens are these keywords, in this order. */
  boolean peekIs(String... words) {
    for (int i = 0; i < words.length; i++) {
      if (!peek(i).is(words[i])) {
        return false;
      }
    }
    return true;
  }

  /** Moves past these keywords when they come next, in this order; otherwise stays. */
  boolean accept(String... words) {
    if (!peekIs(words)) {
      return false;
    }
    at += words.length;
    return true;
  }

  boolean acceptPunctuation(String text) {
    if (peek().isPunctuation(text)) {
      at++;
      return true;
    }
    return false;
  }

  /** A possibly schema-qualified name ({@code name}, {@code schema.name}), or null when no name comes next. */
  RelationName relationName() {
    if (!peek().isName()) {
      return null;
    }
    String first = next().value();
    if (peek().isPunctuation(".") && peek(1).isName()) {
      at++;
      return new RelationName(first, next().value());
    }
    return new RelationName(null, first);
  }

  /** A plain name, or null. */
  String name() {
    return peek().isName() ? next().value() : null;
  }

  /** At an opening parenthesis: the tokens inside it (without the parentheses), moving past the closing one. */
  List<SqlToken> parenthesized() {
    if (!acceptPunctuation("(")) {
      return List.of();
    }
    int start = at;
    int depth = 1;
    while (!atEnd()) {
      SqlToken token = next();
      if (token.isPunctuation("(")) {
        depth++;
      } else if (token.isPunctuation(")") && --depth == 0) {
        return tokens.subList(start, at - 1);
      }
    }
    return tokens.subList(start, at);
  }

  /**
   * The tokens up to (not including) the first one at this parenthesis level that {@code stop} accepts, or that
   * closes the level or ends the statement; nested parentheses are taken whole.
   */
  List<SqlToken> until(Predicate<SqlToken> stop) {
    List<SqlToken> taken = new ArrayList<>();
    int depth = 0;
    while (!atEnd()) {
      SqlToken token = peek();
      if (depth == 0 && (stop.test(token) || token.isPunctuation(")"))) {
        break;
      }
      if (token.isPunctuation("(") || token.isPunctuation("[")) {
        depth++;
      } else if (token.isPunctuation(")") || token.isPunctuation("]")) {
        depth--;
      }
      taken.add(next());
    }
    return taken;
  }

  /** Splits the rest at the commas of this level (an ALTER TABLE's actions, a table's elements). */
  static List<List<SqlToken>> splitAtCommas(List<SqlToken> tokens) {
    List<List<SqlToken>> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isPunctuation("(") || token.isPunctuation("[")) {
        depth++;
      } else if (token.isPunctuation(")") || token.isPunctuation("]")) {
        depth--;
      } else if (depth == 0 && token.isPunctuation(",")) {
        parts.add(tokens.subList(start, i));
        start = i + 1;
      }
    }
    if (start < tokens.size()) {
      parts.add(tokens.subList(start, tokens.size()));
    }
    return parts;
  }

  /** The tokens not read yet. */
  List<SqlToken> rest() {
    List<SqlToken> rest = tokens.subList(at, tokens.size());
    at = tokens.size();
    return rest;
  }

  /** Whether {@code word} appears at parenthesis level 0 in the tokens not read yet. */
  boolean restHasTopLevel(String word) {
    int depth = 0;
    for (int i = at; i < tokens.size(); i++) {
      SqlToken token = tokens.get(i);
      if (token.isPunctuation("(")) {
        depth++;
      } else if (token.isPunctuation(")")) {
        depth--;
      } else if (depth == 0 && token.is(word)) {
        return true;
      }
    }
    return false;
  }
}
