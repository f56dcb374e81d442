package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.schema.SchemaSnapshot.Column;
import io.quantagent.migrations.schema.SchemaSnapshot.Constraint;
import io.quantagent.migrations.schema.SchemaSnapshot.Index;
import io.quantagent.migrations.schema.SchemaSnapshot.Routine;
import io.quantagent.migrations.schema.SchemaSnapshot.Table;
import io.quantagent.migrations.schema.SchemaSnapshot.Trigger;
import io.quantagent.migrations.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Makes a live snapshot say what the migrations' snapshot says wherever the two differ only in how PostgreSQL printed
 * one definition: a CHECK written {@code IN (...)} and restored from a dump prints another way than the script's, yet
 * is the same constraint. Only definitions whose texts differ are reprinted ({@link Reprinter}), on the scratch
 * database that holds the migrations' schema; identical schemas cost nothing. Differences that survive the reprint
 * keep both original texts, so the line a person reads shows what each side really has.
 */
public final class EquivalentDefinitions {
  private final Reprinter reprinter;

  private EquivalentDefinitions(Reprinter reprinter) {
    this.reprinter = reprinter;
  }

  /**
   * {@code database}, with each CHECK and exclusion constraint, column default, generation expression, index, view
   * query, trigger and function that PostgreSQL reads as the migrations' one carrying the migrations' text.
   * {@code scratch}: the database the migrations' schema was read from.
   */
  public static SchemaSnapshot align(SchemaSnapshot migrations, SchemaSnapshot database, ConnectionFactory scratch) {
    try (Reprinter reprinter = new Reprinter(scratch, migrations.schema())) {
      EquivalentDefinitions same = new EquivalentDefinitions(reprinter);
      return new SchemaSnapshot(database.schema(),
          same.each(migrations.tables(), database.tables(), same::table),
          same.each(migrations.constraints(), database.constraints(), same::constraint),
          same.each(migrations.indexes(), database.indexes(), same::index),
          database.sequences(),
          same.each(migrations.views(), database.views(), same::view),
          same.each(migrations.routines(), database.routines(), same::routine),
          same.each(migrations.triggers(), database.triggers(), same::trigger),
          database.enums());
    }
  }

  @FunctionalInterface
  private interface Alignment<T> {
    /** The live object, or the migrations' one where the two are the same definition printed apart. */
    T align(T migrations, T database);
  }

  private <T> SortedMap<String, T> each(Map<String, T> migrations, Map<String, T> database, Alignment<T> alignment) {
    SortedMap<String, T> aligned = new TreeMap<>(database);
    database.forEach((key, object) -> {
      T expected = migrations.get(key);
      if (expected != null && !expected.equals(object)) {
        aligned.put(key, alignment.align(expected, object));
      }
    });
    return aligned;
  }

  private Table table(Table migrations, Table database) {
    List<Column> columns = new ArrayList<>();
    for (Column column : database.columns()) {
      Column expected = migrations.columns().stream().filter(c -> c.name().equals(column.name())).findFirst()
          .orElse(null);
      columns.add(expected == null ? column : column(migrations.name(), expected, column));
    }
    return new Table(database.name(), columns);
  }

  private Column column(String table, Column migrations, Column database) {
    Column aligned = database;
    if (migrations.generated().isEmpty() && database.generated().isEmpty()
        && differ(migrations.defaultValue(), database.defaultValue())
        && same(migrations.defaultValue(), database.defaultValue(),
            text -> reprinter.columnDefault(table, database.name(), text))) {
      aligned = new Column(aligned.name(), aligned.type(), aligned.typeWithoutModifier(), aligned.notNull(),
          migrations.defaultValue(), aligned.identity(), aligned.generated(), aligned.sequence());
    }
    if (differ(migrations.generated(), database.generated()) && same(migrations.generated(), database.generated(),
        text -> reprinter.generated(table, migrations.type(), text))) {
      aligned = new Column(aligned.name(), aligned.type(), aligned.typeWithoutModifier(), aligned.notNull(),
          aligned.defaultValue(), aligned.identity(), migrations.generated(), aligned.sequence());
    }
    return aligned;
  }

  private Constraint constraint(Constraint migrations, Constraint database) {
    boolean printed = migrations.kind() == ObjectKind.CHECK_CONSTRAINT
        || migrations.kind() == ObjectKind.EXCLUSION_CONSTRAINT;
    return printed && migrations.kind() == database.kind() && migrations.table().equals(database.table())
        && same(migrations.definition(), database.definition(), text -> reprinter.constraint(database.table(), text))
        ? migrations : database;
  }

  /** Only the definition is aligned: an invalid index stays invalid, however it prints. */
  private Index index(Index migrations, Index database) {
    return migrations.table().equals(database.table()) && !migrations.definition().equals(database.definition())
        && same(migrations.definition(), database.definition(), reprinter::index)
        ? new Index(database.name(), database.table(), migrations.definition(), database.valid()) : database;
  }

  private View view(View migrations, View database) {
    return migrations.materialized() == database.materialized()
        && same(migrations.definition(), database.definition(), reprinter::viewQuery) ? migrations : database;
  }

  private Routine routine(Routine migrations, Routine database) {
    return migrations.procedure() == database.procedure() && migrations.result().equals(database.result())
        && migrations.language().equals(database.language())
        && same(migrations.definition(), database.definition(), reprinter::routine) ? migrations : database;
  }

  private Trigger trigger(Trigger migrations, Trigger database) {
    return migrations.table().equals(database.table())
        && same(migrations.definition(), database.definition(), text -> reprinter.trigger(database.table(), text))
        ? migrations : database;
  }

  private static boolean differ(String migrations, String database) {
    return !migrations.isEmpty() && !database.isEmpty() && !migrations.equals(database);
  }

  /** Both texts reprint, and alike. */
  private static boolean same(String migrations, String database, Function<String, Optional<String>> reprint) {
    Optional<String> expected = reprint.apply(migrations);
    return expected.isPresent() && expected.equals(reprint.apply(database));
  }
}
