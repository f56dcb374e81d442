package io.quantagent.migrations.schema;

import io.quantagent.migrations.schema.SchemaSnapshot.Column;
import io.quantagent.migrations.schema.SchemaSnapshot.Constraint;
import io.quantagent.migrations.schema.SchemaSnapshot.EnumType;
import io.quantagent.migrations.schema.SchemaSnapshot.Index;
import io.quantagent.migrations.schema.SchemaSnapshot.Routine;
import io.quantagent.migrations.schema.SchemaSnapshot.Sequence;
import io.quantagent.migrations.schema.SchemaSnapshot.Table;
import io.quantagent.migrations.schema.SchemaSnapshot.Trigger;
import io.quantagent.migrations.schema.SchemaSnapshot.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one schema's catalog into a {@link SchemaSnapshot}: in one read-only, repeatable-read transaction with
 * {@code search_path = ''}, from {@code pg_catalog} (not {@code information_schema}, which hides triggers and
 * function bodies from non-owners). Tracking tables and extension-owned objects are left out. The connection is
 * left as it was found; the caller closes it.
 */
public final class CatalogReader {
  private final TrackingTables tracking;

  public CatalogReader(TrackingTables tracking) {
    this.tracking = tracking;
  }

  public CatalogReader() {
    this(TrackingTables.defaults());
  }

  /**
   * On a connection in auto-commit mode, reads in a transaction of its own; inside the caller's transaction, reads
   * under a savepoint it rolls back to, leaving that transaction and its settings as they were.
   */
  public SchemaSnapshot read(Connection connection, String schema) {
    try {
      if (connection.getAutoCommit()) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("set transaction isolation level repeatable read, read only");
          return readWithEmptySearchPath(connection, statement, schema);
        } finally {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      }
      Savepoint savepoint = connection.setSavepoint();
      try (Statement statement = connection.createStatement()) {
        return readWithEmptySearchPath(connection, statement, schema);
      } finally {
        connection.rollback(savepoint);
        connection.releaseSavepoint(savepoint);
      }
    } catch (SQLException e) {
      throw new CatalogReadException("Cannot read the catalog of schema " + schema + ": " + e.getMessage(), e);
    }
  }

  private SchemaSnapshot readWithEmptySearchPath(Connection connection, Statement statement, String schema)
      throws SQLException {
    statement.execute("set local search_path = ''");
    return readSchema(new Rows(connection, schema), schema);
  }

  private SchemaSnapshot readSchema(Rows rows, String schema) throws SQLException {
    if (rows.read(CatalogQueries.SCHEMA_EXISTS, rs -> rs.getLong(1)).get(0) == 0) {
      throw new CatalogReadException("The database has no schema " + schema, null);
    }
    List<Constraint> constraints = rows.read(CatalogQueries.CONSTRAINTS,
        rs -> new Constraint(rs.getString(1), rs.getString(2), ObjectKind.ofConstraintType(rs.getString(3)), rs.getString(4),
            rs.getString(5)));
    List<Index> indexes = rows.read(CatalogQueries.INDEXES, rs -> new Index(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getBoolean(4)));
    List<Trigger> triggers = rows.read(CatalogQueries.TRIGGERS, rs -> new Trigger(rs.getString(1), rs.getString(2), rs.getString(3)));
    return new SchemaSnapshot(schema,
        SchemaSnapshot.byKey(tables(rows), Table::name),
        SchemaSnapshot.byKey(constraints.stream().filter(c -> !tracking.contains(c.table())).toList(), Constraint::key),
        SchemaSnapshot.byKey(indexes.stream().filter(i -> !tracking.contains(i.table())).toList(), Index::name),
        SchemaSnapshot.byKey(rows.read(CatalogQueries.SEQUENCES, rs -> new Sequence(rs.getString(1), rs.getString(2))), Sequence::name),
        SchemaSnapshot.byKey(rows.read(CatalogQueries.VIEWS, rs -> new View(rs.getString(1), rs.getBoolean(2), rs.getString(3),
            List.of((String[]) rs.getArray(4).getArray()))), View::name),
        SchemaSnapshot.byKey(rows.read(CatalogQueries.ROUTINES, rs -> new Routine(rs.getString(1), rs.getBoolean(2),
            rs.getString(3), rs.getString(4), rs.getString(5))), Routine::signature),
        SchemaSnapshot.byKey(triggers.stream().filter(t -> !tracking.contains(t.table())).toList(), Trigger::key),
        SchemaSnapshot.byKey(enums(rows), EnumType::name));
  }

  private List<Table> tables(Rows rows) throws SQLException {
    Map<String, List<Column>> columns = new LinkedHashMap<>();
    rows.read(CatalogQueries.COLUMNS, rs -> {
      List<Column> table = columns.computeIfAbsent(rs.getString(1), name -> new ArrayList<>());
      if (rs.getString(2) != null) {
        table.add(new Column(rs.getString(2), rs.getString(3), rs.getString(9), rs.getBoolean(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8)));
      }
      return null;
    });
    List<Table> tables = new ArrayList<>();
    columns.forEach((name, list) -> {
      if (!tracking.contains(name)) {
        tables.add(new Table(name, list));
      }
    });
    return tables;
  }

  private List<EnumType> enums(Rows rows) throws SQLException {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    rows.read(CatalogQueries.ENUM_LABELS,
        rs -> labels.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(rs.getString(2)));
    return labels.entrySet().stream().map(e -> new EnumType(e.getKey(), e.getValue())).toList();
  }

  /** Runs one catalog query with the schema name as its parameter. */
  private record Rows(Connection connection, String schema) {
    <T> List<T> read(String sql, RowMapper<T> mapper) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, schema);
        List<T> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            values.add(mapper.map(rs));
          }
        }
        return values;
      }
    }
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
