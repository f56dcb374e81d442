package io.quantagent.migrations.lint;

/**
 * One token of a SQL statement. {@code value} is what the token means: a keyword or unquoted identifier folded to
 * lower case (as PostgreSQL folds it), a quoted identifier or string with its quotes and escapes removed, or the text
 * itself for numbers, operators and punctuation.
 */
record SqlToken(Kind kind, String value, int line) {

  enum Kind {
    /** A keyword or an unquoted identifier. */
    WORD,
    QUOTED_IDENTIFIER,
    /** {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, or a dollar-quoted body. */
    STRING,
    NUMBER,
    /** {@code $1}. */
    PARAMETER,
    OPERATOR,
    /** One of {@code ( ) [ ] , ; : .} or {@code ::}. */
    PUNCTUATION,
    /** A {@code --} or {@code /* *}{@code /} comment; its value is the text without the comment markers. */
    COMMENT
  }

  /** True for the keyword (or unquoted identifier) {@code word}, given in lower case. */
  boolean is(String word) {
    return kind == Kind.WORD && value.equals(word);
  }

  boolean isPunctuation(String text) {
    return kind == Kind.PUNCTUATION && value.equals(text);
  }

  /** A name: an unquoted identifier (folded) or a quoted one (as written). */
  boolean isName() {
    return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
  }

  @Override
  public String toString() {
    return kind + ":" + value + "@" + line;
  }
}
