package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ParsedStatement.AlterAction;
import io.quantagent.migrations.lint.ParsedStatement.AlterTable;
import io.quantagent.migrations.lint.ParsedStatement.CreateIndex;
import io.quantagent.migrations.lint.ParsedStatement.CreateTable;
import io.quantagent.migrations.lint.ParsedStatement.DropIndex;
import io.quantagent.migrations.lint.ParsedStatement.DropTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the scripts read so far built, as far as the rules need it: each table's columns (type, NOT NULL), its CHECK
 * constraints that prove a column not null and whether they are validated, and which table each index is on.
 * A table the scripts never created (made by hand, or by an older tool) is simply unknown.
 */
final class KnownSchema {
  private final Map<String, Table> tables = new HashMap<>();
  private final Map<String, String> indexTables = new HashMap<>();

  private static final class Table {
    final Map<String, Column> columns = new HashMap<>();
    final Map<String, NotNullCheck> checks = new HashMap<>();
  }

  private record Column(TypeName type, boolean notNull) {}

  private record NotNullCheck(String column, boolean validated) {}

  Optional<TypeName> columnType(RelationName table, String column) {
    Table known = tables.get(table.key());
    return known == null || !known.columns.containsKey(column) ? Optional.empty()
        : Optional.of(known.columns.get(column).type());
  }

  boolean columnNotNull(RelationName table, String column) {
    Table known = tables.get(table.key());
    return known != null && known.columns.containsKey(column) && known.columns.get(column).notNull();
  }

  /** Whether a validated {@code CHECK (column IS NOT NULL)} holds on the table. */
  boolean provenNotNull(RelationName table, String column) {
    Table known = tables.get(table.key());
    return known != null && known.checks.values().stream().anyMatch(c -> c.column().equals(column) && c.validated());
  }

  /** The key of the table an index is on, when a script created it. */
  Optional<String> tableOf(RelationName index) {
    return Optional.ofNullable(indexTables.get(index.key()));
  }

  /**
   * What {@code statement} does to the schema the scripts built: a {@code CREATE TABLE IF NOT EXISTS} of a table an
   * earlier statement created does nothing (PostgreSQL only notes that it exists), so the table keeps its columns and
   * its readers, and the lock rules still apply to it.
   */
  ParsedStatement effect(ParsedStatement statement) {
    if (statement instanceof CreateTable create && create.ifNotExists() && create.table() != null
        && tables.containsKey(create.table().key())) {
      return new ParsedStatement.Other("create", false);
    }
    return statement;
  }

  void apply(ParsedStatement statement) {
    if (statement instanceof CreateTable create && create.table() != null) {
      Table table = new Table();
      for (ColumnDefinition column : create.columns()) {
        table.columns.put(column.name(), new Column(column.type(), column.notNull()));
        column.constraints().forEach(c -> addCheck(table, c));
      }
      create.constraints().forEach(c -> addCheck(table, c));
      tables.put(create.table().key(), table);
    } else if (statement instanceof AlterTable alter && alter.table() != null) {
      alter(alter);
    } else if (statement instanceof CreateIndex index && index.name() != null && index.table() != null) {
      String schema = index.table().schema();
      indexTables.put(new RelationName(schema, index.name()).key(), index.table().key());
    } else if (statement instanceof DropTable drop) {
      drop.tables().forEach(t -> tables.remove(t.key()));
    } else if (statement instanceof DropIndex drop) {
      drop.indexes().forEach(i -> indexTables.remove(i.key()));
    }
  }

  private void alter(AlterTable alter) {
    String key = alter.table().key();
    Table table = tables.computeIfAbsent(key, k -> new Table());
    for (AlterAction action : alter.actions()) {
      if (action instanceof AlterAction.AddColumn add) {
        table.columns.put(add.column().name(), new Column(add.column().type(), add.column().notNull()));
        add.column().constraints().forEach(c -> addCheck(table, c));
      } else if (action instanceof AlterAction.DropColumn drop) {
        table.columns.remove(drop.column());
      } else if (action instanceof AlterAction.AlterColumnType change && change.type() != null) {
        Column old = table.columns.get(change.column());
        table.columns.put(change.column(), new Column(change.type(), old != null && old.notNull()));
      } else if (action instanceof AlterAction.SetNotNull set) {
        Column old = table.columns.get(set.column());
        if (old != null) {
          table.columns.put(set.column(), new Column(old.type(), true));
        }
      } else if (action instanceof AlterAction.AddConstraint add) {
        addCheck(table, add.constraint());
      } else if (action instanceof AlterAction.ValidateConstraint validate) {
        NotNullCheck check = table.checks.get(validate.name());
        if (check != null) {
          table.checks.put(validate.name(), new NotNullCheck(check.column(), true));
        }
      } else if (action instanceof AlterAction.RenameColumn rename && rename.from() != null) {
        Column column = table.columns.remove(rename.from());
        if (column != null && rename.to() != null) {
          table.columns.put(rename.to(), column);
        }
      } else if (action instanceof AlterAction.RenameTable rename && rename.to() != null) {
        tables.remove(key);
        tables.put(new RelationName(alter.table().schema(), rename.to()).key(), table);
      }
    }
  }

  private static void addCheck(Table table, TableConstraint constraint) {
    String column = constraint.notNullColumn();
    if (column != null) {
      String name = constraint.name() != null ? constraint.name() : "unnamed check " + table.checks.size();
      table.checks.put(name, new NotNullCheck(column, !constraint.notValid()));
    }
  }
}
