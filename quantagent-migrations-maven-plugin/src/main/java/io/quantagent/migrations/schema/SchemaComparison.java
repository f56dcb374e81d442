package io.quantagent.migrations.schema;

import io.quantagent.migrations.schema.SchemaSnapshot.Constraint;
import io.quantagent.migrations.schema.SchemaSnapshot.EnumType;
import io.quantagent.migrations.schema.SchemaSnapshot.Index;
import io.quantagent.migrations.schema.SchemaSnapshot.Routine;
import io.quantagent.migrations.schema.SchemaSnapshot.Table;
import io.quantagent.migrations.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares what the migrations build ({@code migrations}: a database migrated by the scripts) with a live database,
 * object by object, by name. A constraint, index or trigger of a table only one side has is not listed on its own:
 * the table's line says it. Differences come sorted by kind, then name ({@link SchemaDifference#ORDER}).
 */
public final class SchemaComparison {
  private static final String INVALID = "INVALID (a failed CREATE INDEX CONCURRENTLY)";

  private final SchemaSnapshot migrations;
  private final SchemaSnapshot database;
  private final List<SchemaDifference> out = new ArrayList<>();

  private SchemaComparison(SchemaSnapshot migrations, SchemaSnapshot database) {
    this.migrations = migrations;
    this.database = database;
  }

  public static List<SchemaDifference> compare(SchemaSnapshot migrations, SchemaSnapshot database) {
    return new SchemaComparison(migrations, database).run();
  }

  private List<SchemaDifference> run() {
    objects(migrations.enums(), database.enums(), e -> ObjectKind.ENUM_TYPE, null, SchemaComparison::labelList,
        (name, e, a) -> same(ObjectKind.ENUM_TYPE, name, "enum type labels differ", labels(e), labels(a)));
    objects(migrations.sequences(), database.sequences(), s -> ObjectKind.SEQUENCE, null, s -> s.definition(),
        (name, e, a) -> same(ObjectKind.SEQUENCE, name, "sequence differs", e.definition(), a.definition()));
    objects(migrations.tables(), database.tables(), t -> ObjectKind.TABLE, null, SchemaComparison::columnCount,
        (name, e, a) -> ColumnComparison.compare(e, a, out));
    objects(migrations.constraints(), database.constraints(), Constraint::kind, Constraint::table,
        Constraint::definition, (name, e, a) -> constraints(name, e, a));
    objects(migrations.indexes(), database.indexes(), i -> ObjectKind.INDEX, i -> i.table(),
        i -> i.definition() + (i.valid() ? "" : "; " + INVALID), (name, e, a) -> indexes(name, e, a));
    for (boolean materialized : new boolean[] {false, true}) {
      ObjectKind kind = materialized ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW;
      objects(views(migrations, materialized), views(database, materialized), v -> kind, null,
          v -> DefinitionExcerpt.oneLine(v.definition()),
          (name, e, a) -> definitions(kind, name, kind.label() + " query", e.definition(), a.definition()));
    }
    for (boolean procedure : new boolean[] {false, true}) {
      ObjectKind kind = procedure ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION;
      objects(routines(migrations, procedure), routines(database, procedure), r -> kind, null,
          SchemaComparison::routineSummary,
          (name, e, a) -> definitions(kind, name, kind.label() + " definition", e.definition(), a.definition()));
    }
    objects(migrations.triggers(), database.triggers(), t -> ObjectKind.TRIGGER, t -> t.table(), t -> t.definition(),
        (name, e, a) -> same(ObjectKind.TRIGGER, name, "trigger differs", e.definition(), a.definition()));
    out.sort(SchemaDifference.ORDER);
    return List.copyOf(out);
  }

  @FunctionalInterface
  private interface Details<T> {
    void compare(String name, T migrations, T database);
  }

  /**
   * Objects only one side has are listed with their summary, unless they belong to a table ({@code table} not null)
   * that the other side lacks altogether; objects on both sides are compared by {@code details}.
   */
  private <T> void objects(Map<String, T> expected, Map<String, T> actual, Function<T, ObjectKind> kind,
      Function<T, String> table, Function<T, String> summary, Details<T> details) {
    expected.forEach((name, object) -> {
      T other = actual.get(name);
      if (other != null) {
        details.compare(name, object, other);
      } else if (table == null || database.hasRelation(table.apply(object))) {
        out.add(SchemaDifference.inMigrationsOnly(kind.apply(object), name, summary.apply(object)));
      }
    });
    actual.forEach((name, object) -> {
      if (!expected.containsKey(name) && (table == null || migrations.hasRelation(table.apply(object)))) {
        out.add(SchemaDifference.inDatabaseOnly(kind.apply(object), name, summary.apply(object)));
      }
    });
  }

  private void constraints(String name, Constraint expected, Constraint actual) {
    if (expected.kind() != actual.kind()) {
      out.add(SchemaDifference.differs(expected.kind(), name, "constraint differs",
          expected.kind().label() + " " + expected.definition(), actual.kind().label() + " " + actual.definition()));
    } else {
      same(expected.kind(), name, expected.kind().label() + " differs", expected.definition(), actual.definition());
    }
  }

  /**
   * An index the database has invalid where the migrations build it valid: a failed CREATE INDEX CONCURRENTLY. Both
   * invalid is no difference: PostgreSQL keeps an index made with CREATE INDEX ... ON ONLY a partitioned table invalid
   * until every partition's index is attached, and the migrations may well leave it so. (In autogenerate's proof the
   * live schema stands on the other side, and the draft rightly builds its index valid.)
   */
  private void indexes(String name, Index expected, Index actual) {
    same(ObjectKind.INDEX, name, "index differs", expected.definition(), actual.definition());
    if (!actual.valid() && expected.valid()) {
      out.add(new SchemaDifference(ObjectKind.INDEX, name, SchemaDifference.Severity.DIFFERENCE,
          "index is " + INVALID + ": drop it and build it again"));
    }
  }

  private void same(ObjectKind kind, String name, String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      out.add(SchemaDifference.differs(kind, name, what, expected, actual));
    }
  }

  /** Multi-line definitions are shown by their first differing line. */
  private void definitions(ObjectKind kind, String name, String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      DefinitionExcerpt excerpt = DefinitionExcerpt.of(expected, actual);
      out.add(SchemaDifference.differs(kind, name, excerpt.where(what), excerpt.migrations(), excerpt.database()));
    }
  }

  private static String labels(EnumType type) {
    return "(" + labelList(type) + ")";
  }

  private static String labelList(EnumType type) {
    return type.labels().stream().map(l -> "'" + l.replace("'", "''") + "'").collect(Collectors.joining(", "));
  }

  private static String columnCount(Table table) {
    return table.columns().size() == 1 ? "1 column" : table.columns().size() + " columns";
  }

  private static String routineSummary(Routine routine) {
    return (routine.procedure() ? "" : "returns " + routine.result() + ", ") + "language " + routine.language();
  }

  private static Map<String, View> views(SchemaSnapshot snapshot, boolean materialized) {
    return filtered(snapshot.views(), v -> v.materialized() == materialized);
  }

  private static Map<String, Routine> routines(SchemaSnapshot snapshot, boolean procedure) {
    return filtered(snapshot.routines(), r -> r.procedure() == procedure);
  }

  private static <T> Map<String, T> filtered(Map<String, T> map, Predicate<T> keep) {
    return map.entrySet().stream().filter(e -> keep.test(e.getValue()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }
}
