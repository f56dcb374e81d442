package io.quantagent.migrations.lint;

import java.util.List;

/**
 * A constraint of a table or a column: its name (null when unnamed), kind, the CHECK expression's tokens, the
 * referenced table of a foreign key, and whether it is added {@code NOT VALID} or {@code USING INDEX}.
 */
record TableConstraint(String name, Kind kind, List<SqlToken> expression, RelationName references, boolean notValid,
    boolean usingIndex) {

  enum Kind {
    CHECK,
    FOREIGN_KEY,
    UNIQUE,
    PRIMARY_KEY,
    EXCLUDE,
    NOT_NULL
  }

  /** The column a {@code CHECK (col IS NOT NULL)} proves not null, or null for any other constraint. */
  String notNullColumn() {
    if (kind != Kind.CHECK) {
      return null;
    }
    List<SqlToken> tokens = expression;
    while (tokens.size() > 2 && tokens.get(0).isPunctuation("(") && tokens.get(tokens.size() - 1).isPunctuation(")")) {
      tokens = tokens.subList(1, tokens.size() - 1);
    }
    if (tokens.size() == 4 && tokens.get(0).isName() && tokens.get(1).is("is") && tokens.get(2).is("not")
        && tokens.get(3).is("null")) {
      return tokens.get(0).value();
    }
    return null;
  }
}
