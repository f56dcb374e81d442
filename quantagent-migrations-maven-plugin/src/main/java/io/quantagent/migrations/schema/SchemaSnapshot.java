package io.quantagent.migrations.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One PostgreSQL schema's objects, keyed by name, never by OID: tables and views by name, constraints and triggers by
 * {@code table.name}, functions and procedures by {@code name(input argument types)}. Definitions are as PostgreSQL prints
 * them ({@code format_type}, {@code pg_get_constraintdef}, {@code pg_get_indexdef}, ...) with an empty search path,
 * so every name in them is schema-qualified. Absent values are empty strings.
 */
public record SchemaSnapshot(
    String schema,
    SortedMap<String, Table> tables,
    SortedMap<String, Constraint> constraints,
    SortedMap<String, Index> indexes,
    SortedMap<String, Sequence> sequences,
    SortedMap<String, View> views,
    SortedMap<String, Routine> routines,
    SortedMap<String, Trigger> triggers,
    SortedMap<String, EnumType> enums) {

  public SchemaSnapshot {
    tables = frozen(tables);
    constraints = frozen(constraints);
    indexes = frozen(indexes);
    sequences = frozen(sequences);
    views = frozen(views);
    routines = frozen(routines);
    triggers = frozen(triggers);
    enums = frozen(enums);
  }

  /** A table (or partitioned table) with its columns in their order. */
  public record Table(String name, List<Column> columns) {
    public Table {
      columns = List.copyOf(columns);
    }
  }

  /**
   * A column: its type as {@code format_type} prints it (with a {@code COLLATE} when not the type's own), the same
   * type without its length, precision or scale ({@code character varying} for {@code character varying(64)}), its
   * default or generation expression, its identity ({@code "always"}, {@code "by default"} or empty), and the
   * options of the sequence behind an identity or serial column, which belongs to the column.
   */
  public record Column(String name, String type, String typeWithoutModifier, boolean notNull, String defaultValue,
      String identity, String generated, String sequence) {}

  /**
   * A primary key, unique, foreign-key, check or exclusion constraint, as {@code pg_get_constraintdef} prints it;
   * {@code referencedTable}: the table of this schema a foreign key references, else empty.
   */
  public record Constraint(String table, String name, ObjectKind kind, String definition, String referencedTable) {
    public String key() {
      return table + "." + name;
    }
  }

  /**
   * An index that backs no constraint, as {@code pg_get_indexdef} prints it; not {@code valid} when a failed
   * {@code CREATE INDEX CONCURRENTLY} left it behind.
   */
  public record Index(String name, String table, String definition, boolean valid) {
    /** The same index as far as a migration can say: a migration cannot make one invalid. */
    boolean sameDefinition(Index other) {
      return other != null && table.equals(other.table) && definition.equals(other.definition);
    }
  }

  /** A sequence that belongs to no column. */
  public record Sequence(String name, String definition) {}

  /**
   * A view or materialized view, as {@code pg_get_viewdef} prints its query; {@code uses}: the views and materialized
   * views of this schema that query reads, which must exist before it.
   */
  public record View(String name, boolean materialized, String definition, List<String> uses) {
    public View {
      uses = List.copyOf(uses);
    }
  }

  /** A function or procedure; {@code signature}: {@code add(integer, integer)}; {@code definition}: {@code pg_get_functiondef}. */
  public record Routine(String signature, boolean procedure, String result, String language, String definition) {}

  /** A user trigger, as {@code pg_get_triggerdef} prints it ({@code " (disabled)"} appended when disabled). */
  public record Trigger(String table, String name, String definition) {
    public String key() {
      return table + "." + name;
    }
  }

  /** An enum type and its labels in their sort order. */
  public record EnumType(String name, List<String> labels) {
    public EnumType {
      labels = List.copyOf(labels);
    }
  }

  /** Whether the schema has a table, view or materialized view of that name. */
  public boolean hasRelation(String name) {
    return tables.containsKey(name) || views.containsKey(name);
  }

  static <T> SortedMap<String, T> byKey(Collection<T> values, Function<T, String> key) {
    SortedMap<String, T> map = new TreeMap<>();
    for (T value : values) {
      map.put(key.apply(value), value);
    }
    return map;
  }

  private static <T> SortedMap<String, T> frozen(Map<String, T> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
