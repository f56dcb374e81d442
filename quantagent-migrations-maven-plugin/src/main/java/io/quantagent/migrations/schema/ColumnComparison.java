package io.quantagent.migrations.schema;

import io.quantagent.migrations.schema.SchemaSnapshot.Column;
import io.quantagent.migrations.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Compares the columns of one table present on both sides; column order alone is only a warning. */
final class ColumnComparison {
  private ColumnComparison() {}

  static void compare(Table migrations, Table database, List<SchemaDifference> out) {
    Map<String, Column> expected = byName(migrations);
    Map<String, Column> actual = byName(database);
    for (Column column : migrations.columns()) {
      String name = migrations.name() + "." + column.name();
      Column other = actual.get(column.name());
      if (other == null) {
        out.add(SchemaDifference.inMigrationsOnly(ObjectKind.COLUMN, name, summary(column)));
      } else {
        compareAspects(name, column, other, out);
      }
    }
    for (Column column : database.columns()) {
      if (!expected.containsKey(column.name())) {
        out.add(SchemaDifference.inDatabaseOnly(ObjectKind.COLUMN, migrations.name() + "." + column.name(), summary(column)));
      }
    }
    List<String> expectedOrder = commonNames(migrations, actual);
    List<String> actualOrder = commonNames(database, expected);
    if (!expectedOrder.equals(actualOrder)) {
      out.add(SchemaDifference.warning(ObjectKind.TABLE, migrations.name(), "column order differs",
          "(" + String.join(", ", expectedOrder) + ")", "(" + String.join(", ", actualOrder) + ")"));
    }
  }

  /** How a column reads in a CREATE TABLE, without its name: {@code bigint not null generated always as identity}. */
  static String summary(Column column) {
    StringBuilder text = new StringBuilder(column.type());
    if (column.notNull()) {
      text.append(" not null");
    }
    if (!column.defaultValue().isEmpty()) {
      text.append(" default ").append(column.defaultValue());
    }
    if (!column.identity().isEmpty()) {
      text.append(' ').append(identity(column));
    }
    if (!column.generated().isEmpty()) {
      text.append(' ').append(generated(column));
    }
    return text.toString();
  }

  private static void compareAspects(String name, Column migrations, Column database, List<SchemaDifference> out) {
    aspect(name, "column type differs", Column::type, migrations, database, out);
    aspect(name, "column nullability differs", c -> c.notNull() ? "not null" : "nullable", migrations, database, out);
    aspect(name, "column default differs", c -> c.defaultValue().isEmpty() ? "no default" : "default " + c.defaultValue(),
        migrations, database, out);
    aspect(name, "column identity differs", ColumnComparison::identity, migrations, database, out);
    aspect(name, "column generation differs", ColumnComparison::generated, migrations, database, out);
    if (!migrations.identity().isEmpty() && migrations.identity().equals(database.identity())
        || !migrations.defaultValue().isEmpty() && migrations.defaultValue().equals(database.defaultValue())) {
      aspect(name, "column sequence differs", c -> c.sequence().isEmpty() ? "none" : c.sequence(), migrations, database, out);
    }
  }

  private static void aspect(String name, String what, Function<Column, String> value, Column migrations,
      Column database, List<SchemaDifference> out) {
    String expected = value.apply(migrations);
    String actual = value.apply(database);
    if (!expected.equals(actual)) {
      out.add(SchemaDifference.differs(ObjectKind.COLUMN, name, what, expected, actual));
    }
  }

  private static String identity(Column column) {
    return column.identity().isEmpty() ? "no identity" : "generated " + column.identity() + " as identity";
  }

  private static String generated(Column column) {
    return column.generated().isEmpty() ? "not generated" : "generated always as (" + column.generated() + ") stored";
  }

  private static Map<String, Column> byName(Table table) {
    Map<String, Column> columns = new LinkedHashMap<>();
    table.columns().forEach(c -> columns.put(c.name(), c));
    return columns;
  }

  private static List<String> commonNames(Table table, Map<String, Column> other) {
    List<String> names = new ArrayList<>();
    table.columns().stream().map(Column::name).filter(other::containsKey).forEach(names::add);
    return names;
  }
}
