package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ColumnDefinition.Generated;
import io.quantagent.migrations.lint.ParsedStatement.AlterAction;
import io.quantagent.migrations.lint.ParsedStatement.AlterTable;
import io.quantagent.migrations.lint.ParsedStatement.CreateTable;
import io.quantagent.migrations.lint.TableConstraint.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE TABLE's columns and constraints, and ALTER TABLE's actions. */
final class TableParser {
  private static final Set<String> CONSTRAINT_STARTS = Set.of("constraint", "check", "unique", "primary", "foreign",
      "exclude");
  private static final Set<String> COLUMN_CONSTRAINT_STARTS = Set.of("constraint", "not", "null", "default",
      "generated", "check", "unique", "primary", "references", "collate");

  private TableParser() {}

  static ParsedStatement createTable(TokenCursor cursor) {
    boolean ifNotExists = cursor.accept("if", "not", "exists");
    RelationName table = cursor.relationName();
    List<ColumnDefinition> columns = new ArrayList<>();
    List<TableConstraint> constraints = new ArrayList<>();
    if (cursor.peek().isPunctuation("(")) {
      for (List<SqlToken> element : TokenCursor.splitAtCommas(cursor.parenthesized())) {
        TokenCursor part = new TokenCursor(element);
        if (part.atEnd() || part.peek().is("like")) {
          continue;
        }
        if (CONSTRAINT_STARTS.contains(part.peek().value()) && part.peek().kind() == SqlToken.Kind.WORD) {
          constraints.add(constraint(part));
        } else {
          ColumnDefinition column = column(part);
          if (column != null) {
            columns.add(column);
          }
        }
      }
    }
    return new CreateTable(table, ifNotExists, columns, constraints);
  }

  static ParsedStatement alterTable(TokenCursor cursor) {
    cursor.accept("if", "exists");
    cursor.accept("only");
    RelationName table = cursor.relationName();
    if (cursor.peek().value().equals("*")) {
      cursor.next();
    }
    if (cursor.accept("rename")) {
      if (cursor.accept("to")) {
        return new AlterTable(table, List.of(new AlterAction.RenameTable(cursor.name())));
      }
      if (cursor.accept("constraint")) {
        return new AlterTable(table, List.of(new AlterAction.OtherAction("rename constraint", false)));
      }
      cursor.accept("column");
      String from = cursor.name();
      cursor.accept("to");
      return new AlterTable(table, List.of(new AlterAction.RenameColumn(from, cursor.name())));
    }
    List<AlterAction> actions = new ArrayList<>();
    for (List<SqlToken> action : TokenCursor.splitAtCommas(cursor.rest())) {
      if (!action.isEmpty()) {
        actions.add(action(new TokenCursor(action)));
      }
    }
    return new AlterTable(table, actions);
  }

  private static AlterAction action(TokenCursor cursor) {
    if (cursor.accept("add")) {
      if (cursor.peek().kind() == SqlToken.Kind.WORD && CONSTRAINT_STARTS.contains(cursor.peek().value())) {
        return new AlterAction.AddConstraint(constraint(cursor));
      }
      cursor.accept("column");
      cursor.accept("if", "not", "exists");
      ColumnDefinition column = column(cursor);
      return column == null ? new AlterAction.OtherAction("add", false) : new AlterAction.AddColumn(column);
    }
    if (cursor.accept("drop")) {
      if (cursor.peekIs("constraint")) {
        return new AlterAction.OtherAction("drop constraint", false);
      }
      cursor.accept("column");
      cursor.accept("if", "exists");
      return new AlterAction.DropColumn(cursor.name());
    }
    if (cursor.accept("alter")) {
      cursor.accept("column");
      String column = cursor.name();
      if (cursor.accept("type") || cursor.accept("set", "data", "type")) {
        TypeName type = TypeName.read(cursor);
        return new AlterAction.AlterColumnType(column, type, cursor.restHasTopLevel("using"));
      }
      if (cursor.accept("set", "not", "null")) {
        return new AlterAction.SetNotNull(column);
      }
      return new AlterAction.OtherAction("alter column", false);
    }
    if (cursor.accept("validate", "constraint")) {
      return new AlterAction.ValidateConstraint(cursor.name());
    }
    String keyword = cursor.peek().value();
    return new AlterAction.OtherAction(keyword, cursor.restHasTopLevel("concurrently"));
  }

  /** A column definition at the cursor: name, type, then its constraints. */
  private static ColumnDefinition column(TokenCursor cursor) {
    String name = cursor.name();
    TypeName type = TypeName.read(cursor);
    if (name == null || type == null) {
      return null;
    }
    List<SqlToken> defaultExpression = List.of();
    Generated generated = Generated.NO;
    boolean notNull = false;
    List<TableConstraint> constraints = new ArrayList<>();
    while (!cursor.atEnd()) {
      String constraintName = cursor.accept("constraint") ? cursor.name() : null;
      if (cursor.accept("not", "null")) {
        notNull = true;
      } else if (cursor.accept("null")) {
        notNull = false;
      } else if (cursor.accept("default")) {
        defaultExpression = expression(cursor);
      } else if (cursor.accept("generated")) {
        generated = generated(cursor);
      } else if (cursor.accept("check")) {
        List<SqlToken> check = cursor.parenthesized();
        constraints.add(new TableConstraint(constraintName, Kind.CHECK, check, null, false, false));
      } else if (cursor.accept("unique")) {
        constraints.add(new TableConstraint(constraintName, Kind.UNIQUE, List.of(), null, false, false));
      } else if (cursor.accept("primary", "key")) {
        notNull = true;
        constraints.add(new TableConstraint(constraintName, Kind.PRIMARY_KEY, List.of(), null, false, false));
      } else if (cursor.accept("references")) {
        RelationName references = cursor.relationName();
        constraints.add(new TableConstraint(constraintName, Kind.FOREIGN_KEY, List.of(), references, false, false));
      } else {
        cursor.next(); // COLLATE x, DEFERRABLE, ON DELETE ..., a referenced column list: nothing a rule needs
      }
    }
    return new ColumnDefinition(name, type, defaultExpression, generated, notNull, constraints);
  }

  private static List<SqlToken> expression(TokenCursor cursor) {
    if (cursor.peek().is("null") || cursor.peek().is("not")) {
      return List.of(cursor.next());
    }
    return cursor.until(t -> t.kind() == SqlToken.Kind.WORD && COLUMN_CONSTRAINT_STARTS.contains(t.value()));
  }

  private static Generated generated(TokenCursor cursor) {
    if (!cursor.accept("always")) {
      cursor.accept("by", "default");
    }
    cursor.accept("as");
    if (cursor.accept("identity")) {
      cursor.parenthesized(); // the sequence options, if any
      return Generated.IDENTITY;
    }
    cursor.parenthesized();
    if (cursor.accept("stored")) {
      return Generated.STORED;
    }
    cursor.accept("virtual");
    return Generated.VIRTUAL;
  }

  /** A table constraint at the cursor, from its optional {@code CONSTRAINT name} on. */
  private static TableConstraint constraint(TokenCursor cursor) {
    String name = cursor.accept("constraint") ? cursor.name() : null;
    Kind kind;
    List<SqlToken> expression = List.of();
    RelationName references = null;
    boolean usingIndex = false;
    if (cursor.accept("check")) {
      kind = Kind.CHECK;
      expression = cursor.parenthesized();
    } else if (cursor.accept("unique") || cursor.peekIs("primary", "key")) {
      kind = cursor.accept("primary", "key") ? Kind.PRIMARY_KEY : Kind.UNIQUE;
      usingIndex = cursor.accept("using", "index");
    } else if (cursor.accept("foreign", "key")) {
      kind = Kind.FOREIGN_KEY;
      cursor.parenthesized();
      cursor.accept("references");
      references = cursor.relationName();
    } else if (cursor.accept("not", "null")) {
      kind = Kind.NOT_NULL;
    } else {
      cursor.accept("exclude");
      kind = Kind.EXCLUDE;
    }
    boolean notValid = false;
    while (!cursor.atEnd()) {
      if (cursor.accept("not", "valid")) {
        notValid = true;
      } else {
        cursor.next();
      }
    }
    return new TableConstraint(name, kind, expression, references, notValid, usingIndex);
  }
}
