package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.Cluster;
import io.quantagent.migrations.lint.ParsedStatement.DataChange;
import io.quantagent.migrations.lint.ParsedStatement.DropIndex;
import io.quantagent.migrations.lint.ParsedStatement.DropTable;
import io.quantagent.migrations.lint.ParsedStatement.LockTable;
import io.quantagent.migrations.lint.ParsedStatement.Other;
import io.quantagent.migrations.lint.ParsedStatement.Reindex;
import io.quantagent.migrations.lint.ParsedStatement.SetParameter;
import io.quantagent.migrations.lint.ParsedStatement.Vacuum;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a statement does from its tokens: which command, on which tables, with which options. It reads only as
 * deep as the rules look, and anything it does not know is {@link Other}, never an error: the server, not the
 * linter, says whether SQL is valid.
 */
final class StatementParser {
  private StatementParser() {}

  static ParsedStatement parse(List<SqlToken> code) {
    TokenCursor cursor = new TokenCursor(code);
    if (cursor.accept("create")) {
      return create(cursor);
    }
    if (cursor.accept("alter", "table")) {
      return TableParser.alterTable(cursor);
    }
    if (cursor.accept("drop", "index")) {
      boolean concurrently = cursor.accept("concurrently");
      cursor.accept("if", "exists");
      return new DropIndex(names(cursor), concurrently);
    }
    if (cursor.accept("drop", "table")) {
      cursor.accept("if", "exists");
      return new DropTable(names(cursor));
    }
    if (cursor.accept("reindex")) {
      return reindex(cursor);
    }
    if (cursor.accept("vacuum")) {
      List<SqlToken> options = cursor.peek().isPunctuation("(") ? cursor.parenthesized() : List.of();
      return new Vacuum(cursor.accept("full") || optionOn(options, "full"));
    }
    if (cursor.accept("cluster")) {
      cursor.accept("verbose");
      return new Cluster(cursor.relationName());
    }
    if (cursor.accept("lock")) {
      return lock(cursor);
    }
    skipWithClause(cursor);
    if (cursor.accept("update")) {
      cursor.accept("only");
      RelationName table = cursor.relationName();
      return new DataChange("UPDATE", table, cursor.restHasTopLevel("where"));
    }
    if (cursor.accept("delete", "from")) {
      cursor.accept("only");
      RelationName table = cursor.relationName();
      return new DataChange("DELETE", table, cursor.restHasTopLevel("where"));
    }
    if (cursor.accept("set")) {
      if (!cursor.accept("local")) {
        cursor.accept("session");
      }
      return setParameter(cursor);
    }
    if (cursor.accept("select") && cursor.accept("set_config") && cursor.peek().isPunctuation("(")) {
      List<SqlToken> arguments = cursor.parenthesized();
      if (arguments.size() >= 3 && arguments.get(0).kind() == SqlToken.Kind.STRING) {
        return new SetParameter(arguments.get(0).value().toLowerCase(java.util.Locale.ROOT), arguments.get(2).value());
      }
    }
    return new Other(code.isEmpty() ? "" : code.get(0).value(), false);
  }

  private static ParsedStatement create(TokenCursor cursor) {
    cursor.accept("or", "replace");
    boolean unique = cursor.accept("unique");
    if (cursor.accept("index")) {
      boolean concurrently = cursor.accept("concurrently");
      cursor.accept("if", "not", "exists");
      String name = cursor.peek().is("on") ? null : cursor.name();
      cursor.accept("on");
      cursor.accept("only");
      return new ParsedStatement.CreateIndex(name, cursor.relationName(), concurrently, unique);
    }
    while (cursor.accept("global") || cursor.accept("local") || cursor.accept("temporary") || cursor.accept("temp")
        || cursor.accept("unlogged")) {
      // persistence options: the table is still new
    }
    if (cursor.accept("table")) {
      return TableParser.createTable(cursor);
    }
    return new Other("create", false);
  }

  private static ParsedStatement reindex(TokenCursor cursor) {
    boolean concurrently = false;
    if (cursor.peek().isPunctuation("(")) {
      concurrently = optionOn(cursor.parenthesized(), "concurrently");
    }
    String scope = cursor.peek().isName() ? cursor.next().value() : "";
    concurrently |= cursor.accept("concurrently");
    return new Reindex(scope, cursor.relationName(), concurrently);
  }

  private static ParsedStatement lock(TokenCursor cursor) {
    cursor.accept("table");
    cursor.accept("only");
    List<RelationName> tables = names(cursor);
    LockMode mode = LockMode.ACCESS_EXCLUSIVE;
    if (cursor.accept("in")) {
      StringBuilder words = new StringBuilder();
      while (!cursor.atEnd() && !cursor.peek().is("mode")) {
        words.append(words.length() == 0 ? "" : " ").append(cursor.next().value());
      }
      try {
        mode = LockMode.parse(words.toString());
      } catch (IllegalArgumentException e) {
        // a mode PostgreSQL will reject anyway: judge it as the default
      }
    }
    return new LockTable(tables, mode);
  }

  private static ParsedStatement setParameter(TokenCursor cursor) {
    StringBuilder name = new StringBuilder();
    while (cursor.peek().isName() || cursor.peek().isPunctuation(".")) {
      name.append(cursor.next().value());
    }
    if (!cursor.accept("to") && cursor.peek().kind() == SqlToken.Kind.OPERATOR && cursor.peek().value().equals("=")) {
      cursor.next();
    }
    StringBuilder value = new StringBuilder();
    for (SqlToken token : cursor.rest()) {
      value.append(token.value());
    }
    return new SetParameter(name.toString(), value.toString());
  }

  /** Skips {@code WITH name [(columns)] AS [NOT] [MATERIALIZED] (query), ...} in front of an UPDATE or DELETE. */
  private static void skipWithClause(TokenCursor cursor) {
    if (!cursor.accept("with")) {
      return;
    }
    cursor.accept("recursive");
    do {
      cursor.name();
      if (cursor.peek().isPunctuation("(")) {
        cursor.parenthesized();
      }
      cursor.accept("as");
      cursor.accept("not");
      cursor.accept("materialized");
      cursor.parenthesized();
    } while (cursor.acceptPunctuation(","));
  }

  /** Comma-separated names, as DROP and LOCK take them. */
  private static List<RelationName> names(TokenCursor cursor) {
    List<RelationName> names = new ArrayList<>();
    do {
      RelationName name = cursor.relationName();
      if (name != null) {
        names.add(name);
      }
    } while (cursor.acceptPunctuation(","));
    return names;
  }

  /** Whether an option list such as {@code (FULL, ANALYZE)} or {@code (CONCURRENTLY true)} turns {@code option} on. */
  static boolean optionOn(List<SqlToken> options, String option) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).is(option)) {
        SqlToken value = i + 1 < options.size() ? options.get(i + 1) : null;
        return value == null || value.isPunctuation(",") || value.is("true") || value.is("on")
            || value.value().equals("1");
      }
    }
    return false;
  }
}
