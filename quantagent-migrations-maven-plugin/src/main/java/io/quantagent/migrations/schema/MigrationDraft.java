package io.quantagent.migrations.schema;

import io.quantagent.migrations.schema.SchemaSnapshot.Column;
import io.quantagent.migrations.schema.SchemaSnapshot.Constraint;
import io.quantagent.migrations.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL that takes one schema to another: deparsed definitions for indexes, constraints, views, functions
 * and triggers, composed DDL for tables and columns. Drops come first, dependents before what they depend
 * on; creates follow in the other order, foreign keys last. What it cannot express is written as a
 * commented line that names it, never left out.
 */
public final class MigrationDraft {
  private final SchemaSnapshot from;
  private final SchemaSnapshot to;
  private final List<String> drops = new ArrayList<>();
  private final List<String> creates = new ArrayList<>();

  private MigrationDraft(SchemaSnapshot from, SchemaSnapshot to) {
    this.from = from;
    this.to = to;
  }

  /** Statements, one per entry, that take {@code from} to {@code to}; empty when they do not differ. */
  public static List<String> between(SchemaSnapshot from, SchemaSnapshot to) {
    MigrationDraft draft = new MigrationDraft(from, to);
    draft.dropRemovedAndChanged();
    draft.createAddedAndChanged();
    List<String> statements = new ArrayList<>(draft.drops);
    statements.addAll(draft.creates);
    return statements;
  }

  private void dropRemovedAndChanged() {
    from.triggers().forEach((key, trigger) -> {
      if (!Objects.equals(trigger, to.triggers().get(key)) && !tableDropped(trigger.table())) {
        drops.add("DROP TRIGGER " + ident(trigger.name()) + " ON " + qualified(trigger.table()) + ";");
      }
    });
    List<String> changedViews = from.views().keySet().stream()
        .filter(name -> !Objects.equals(from.views().get(name), to.views().get(name))).toList();
    for (String name : DependencyOrder.of(changedViews, view -> from.views().get(view).uses()).reversed()) {
      drops.add("DROP " + (from.views().get(name).materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(name) + ";");
    }
    dropConstraints(true);
    dropConstraints(false);
    from.indexes().forEach((name, index) -> {
      if (!index.sameDefinition(to.indexes().get(name)) && !tableDropped(index.table())) {
        drops.add("DROP INDEX " + qualified(name) + ";");
      }
    });
    from.tables().forEach((name, table) -> {
      if (to.tables().containsKey(name)) {
        dropColumns(table, to.tables().get(name));
      }
    });
    dropTables();
    // After the tables: a dropped table's triggers and defaults may use these functions.
    from.routines().forEach((signature, routine) -> {
      if (!to.routines().containsKey(signature)) {
        drops.add("DROP " + (routine.procedure() ? "PROCEDURE " : "FUNCTION ") + qualifiedSignature(signature) + ";");
      }
    });
    from.sequences().forEach((name, sequence) -> {
      if (!to.sequences().containsKey(name)) {
        drops.add("DROP SEQUENCE " + qualified(name) + ";");
      }
    });
    from.enums().forEach((name, type) -> {
      if (!to.enums().containsKey(name)) {
        drops.add("DROP TYPE " + qualified(name) + ";");
      }
    });
  }

  /**
   * A table referenced by another's foreign key cannot go first: referencing tables are dropped before the tables
   * they reference. Tables whose foreign keys reference one another round in a circle lose those keys first.
   */
  private void dropTables() {
    List<String> dropped = from.tables().keySet().stream().filter(this::tableDropped).toList();
    DependencyOrder order = DependencyOrder.of(dropped, table -> from.constraints().values().stream()
        .filter(c -> c.kind() == ObjectKind.FOREIGN_KEY && c.table().equals(table))
        .map(Constraint::referencedTable).toList());
    from.constraints().values().stream()
        .filter(c -> c.kind() == ObjectKind.FOREIGN_KEY && !c.table().equals(c.referencedTable())
            && order.unordered().contains(c.table()) && order.unordered().contains(c.referencedTable()))
        .forEach(c -> drops.add("ALTER TABLE " + qualified(c.table()) + " DROP CONSTRAINT " + ident(c.name()) + ";"));
    for (String name : order.reversed()) {
      drops.add("-- REVIEW: data loss: the table " + name + " and its rows are dropped");
      drops.add("DROP TABLE " + qualified(name) + ";");
    }
  }

  private void dropConstraints(boolean foreignKeys) {
    from.constraints().forEach((key, constraint) -> {
      boolean isForeignKey = constraint.kind() == ObjectKind.FOREIGN_KEY;
      if (isForeignKey == foreignKeys && !Objects.equals(constraint, to.constraints().get(key))
          && !tableDropped(constraint.table())) {
        drops.add("ALTER TABLE " + qualified(constraint.table()) + " DROP CONSTRAINT " + ident(constraint.name()) + ";");
      }
    });
  }

  private void dropColumns(Table table, Table target) {
    for (Column column : table.columns()) {
      if (find(target, column.name()) == null) {
        Column renamedTo = target.columns().stream()
            .filter(c -> find(table, c.name()) == null && c.type().equals(column.type())).findFirst().orElse(null);
        if (renamedTo != null) {
          drops.add("-- REVIEW: possible rename: " + table.name() + "." + column.name() + " -> " + renamedTo.name()
              + " (same type " + column.type() + "); as written, the column is dropped and a new one added");
        }
        drops.add("-- REVIEW: data loss: the column " + table.name() + "." + column.name() + " and its values are dropped");
        drops.add("ALTER TABLE " + qualified(table.name()) + " DROP COLUMN " + ident(column.name()) + ";");
      }
    }
  }

  private void createAddedAndChanged() {
    to.enums().forEach((name, type) -> {
      SchemaSnapshot.EnumType old = from.enums().get(name);
      if (old == null) {
        creates.add("CREATE TYPE " + qualified(name) + " AS ENUM (" + String.join(", ",
            type.labels().stream().map(MigrationDraft::literal).toList()) + ");");
      } else if (!old.labels().equals(type.labels())) {
        alterEnum(name, old.labels(), type.labels());
      }
    });
    to.sequences().forEach((name, sequence) -> {
      SchemaSnapshot.Sequence old = from.sequences().get(name);
      if (old == null) {
        creates.add("CREATE SEQUENCE " + qualified(name) + " " + sequence.definition() + ";");
      } else if (!old.equals(sequence)) {
        creates.add("ALTER SEQUENCE " + qualified(name) + " "
            + SequenceOptions.parse(old.definition()).alterTo(SequenceOptions.parse(sequence.definition())) + ";");
      }
    });
    to.tables().forEach((name, table) -> {
      Table old = from.tables().get(name);
      if (old == null) {
        List<String> columns = table.columns().stream()
            .map(c -> "  " + ident(c.name()) + " " + columnDefinition(name, c)).toList();
        table.columns().forEach(c -> sequenceBefore(name, c));
        creates.add("CREATE TABLE " + qualified(name) + " (\n" + String.join(",\n", columns) + "\n);");
        table.columns().forEach(c -> ownershipAfter(name, c));
      } else {
        alterColumns(old, table);
      }
    });
    to.routines().forEach((signature, routine) -> {
      if (!Objects.equals(routine, from.routines().get(signature))) {
        creates.add(routine.definition().strip() + ";");
      }
    });
    to.indexes().forEach((name, index) -> {
      if (!index.sameDefinition(from.indexes().get(name))) {
        creates.add(index.definition() + ";");
      }
    });
    addConstraints(false);
    List<String> changedViews = to.views().keySet().stream()
        .filter(name -> !Objects.equals(to.views().get(name), from.views().get(name))).toList();
    for (String name : DependencyOrder.of(changedViews, view -> to.views().get(view).uses()).order()) {
      SchemaSnapshot.View view = to.views().get(name);
      creates.add("CREATE " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(name) + " AS\n"
          + view.definition().strip().replaceFirst(";$", "") + ";");
    }
    to.triggers().forEach((key, trigger) -> {
      if (!Objects.equals(trigger, from.triggers().get(key))) {
        creates.add(trigger.definition() + ";");
      }
    });
    addConstraints(true);
  }

  private void addConstraints(boolean foreignKeys) {
    to.constraints().forEach((key, constraint) -> {
      if ((constraint.kind() == ObjectKind.FOREIGN_KEY) == foreignKeys
          && !Objects.equals(constraint, from.constraints().get(key))) {
        creates.add(addConstraint(constraint));
      }
    });
  }

  private void alterColumns(Table old, Table table) {
    String target = qualified(table.name());
    for (Column column : table.columns()) {
      Column was = find(old, column.name());
      if (was == null) {
        sequenceBefore(table.name(), column);
        creates.add("ALTER TABLE " + target + " ADD COLUMN " + ident(column.name()) + " "
            + columnDefinition(table.name(), column) + ";");
        ownershipAfter(table.name(), column);
        continue;
      }
      String col = ident(column.name());
      if (!was.generated().equals(column.generated()) || !was.identity().equals(column.identity())
          || !was.sequence().equals(column.sequence())) {
        creates.add("-- CANNOT EXPRESS: " + table.name() + "." + column.name() + " changes identity, generation or"
            + " its sequence (" + ColumnComparison.summary(was) + " -> " + ColumnComparison.summary(column)
            + "); write this change by hand");
      }
      if (!was.type().equals(column.type())) {
        creates.add("ALTER TABLE " + target + " ALTER COLUMN " + col + " TYPE " + column.type()
            + (TypeChange.needsUsing(was.typeWithoutModifier(), column.typeWithoutModifier()) ? " USING " + col + "::"
            + column.type() : "") + ";");
      }
      if (!was.defaultValue().equals(column.defaultValue()) && column.generated().isEmpty()) {
        creates.add("ALTER TABLE " + target + " ALTER COLUMN " + col + (column.defaultValue().isEmpty()
            ? " DROP DEFAULT;" : " SET DEFAULT " + column.defaultValue() + ";"));
      }
      if (was.notNull() != column.notNull()) {
        creates.add("ALTER TABLE " + target + " ALTER COLUMN " + col + (column.notNull() ? " SET" : " DROP") + " NOT NULL;");
      }
    }
  }

  private void alterEnum(String name, List<String> old, List<String> labels) {
    if (labels.size() > old.size() && labels.subList(0, old.size()).equals(old)) {
      for (String label : labels.subList(old.size(), labels.size())) {
        creates.add("ALTER TYPE " + qualified(name) + " ADD VALUE " + literal(label) + ";");
      }
    } else {
      creates.add("-- CANNOT EXPRESS: the labels of the enum type " + name + " change from " + old + " to " + labels
          + " other than by appending; PostgreSQL cannot remove or reorder enum labels in place. Write this by hand.");
    }
  }

  /**
   * A new column's own sequence is in no list of sequences: unless serial makes it, it is created before the column
   * whose default names it, and given to the column after.
   */
  private void sequenceBefore(String table, Column column) {
    OwnedSequence.of(from.schema(), table, column).filter(s -> s.serialType(column).isEmpty())
        .ifPresent(s -> creates.add(s.create()));
  }

  private void ownershipAfter(String table, Column column) {
    OwnedSequence.of(from.schema(), table, column).filter(s -> s.serialType(column).isEmpty())
        .ifPresent(s -> creates.add(s.ownedBy()));
  }

  private String columnDefinition(String table, Column column) {
    Optional<String> serial = OwnedSequence.of(from.schema(), table, column).flatMap(s -> s.serialType(column));
    if (serial.isPresent()) {
      return serial.get();
    }
    StringBuilder text = new StringBuilder(column.type());
    if (!column.generated().isEmpty()) {
      text.append(" GENERATED ALWAYS AS (").append(column.generated()).append(") STORED");
    } else if (!column.defaultValue().isEmpty()) {
      text.append(" DEFAULT ").append(column.defaultValue());
    }
    if (!column.identity().isEmpty()) {
      text.append(" GENERATED ").append(column.identity().toUpperCase()).append(" AS IDENTITY");
    }
    if (column.notNull()) {
      text.append(" NOT NULL");
    }
    return text.toString();
  }

  private String addConstraint(Constraint constraint) {
    return "ALTER TABLE " + qualified(constraint.table()) + " ADD CONSTRAINT " + ident(constraint.name()) + " "
        + constraint.definition() + ";";
  }

  private boolean tableDropped(String table) {
    return from.tables().containsKey(table) && !to.tables().containsKey(table);
  }

  private static Column find(Table table, String name) {
    return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private String qualified(String name) {
    return ident(from.schema()) + "." + ident(name);
  }

  private String qualifiedSignature(String signature) {
    int paren = signature.indexOf('(');
    return ident(from.schema()) + "." + ident(signature.substring(0, paren)) + signature.substring(paren);
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
