package io.quantagent.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the tests read from PostgreSQL's catalog about the {@code public} schema. */
final class SchemaCatalog {
  private SchemaCatalog() {}

  /** Table names in {@code public}, sorted. */
  static List<String> tables(Connection connection) throws SQLException {
    return strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  }

  /** Index name to its {@code pg_indexes.indexdef}, for every index in {@code public}. */
  static Map<String, String> indexDefinitions(Connection connection) throws SQLException {
    Map<String, String> indexes = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")) {
      while (rs.next()) {
        indexes.put(rs.getString(1), rs.getString(2));
      }
    }
    return indexes;
  }

  /**
   * Everything a migration of this schema can create, one line per object, leaving out the changelog table:
   * relations (tables, indexes, sequences), columns with type, nullability and default, constraints with
   * their definitions, and table comments. Two equal snapshots mean the same schema.
   */
  static List<String> snapshot(Connection connection) throws SQLException {
    List<String> lines = new ArrayList<>();
    lines.addAll(strings(connection, """
        SELECT 'relation ' || c.relkind::text || ' ' || c.relname
          FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'changelog%'
        """));
    lines.addAll(strings(connection, """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
               || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
               || coalesce('(' || character_maximum_length || ')', '')
               || ' nullable=' || is_nullable || ' identity=' || is_identity
               || ' default=' || coalesce(column_default, '-')
          FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> 'changelog'
        """));
    lines.addAll(strings(connection, """
        SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> 'changelog'
        """));
    lines.addAll(strings(connection, """
        SELECT 'index ' || indexname || ' ' || indexdef
          FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'changelog'
        """));
    lines.addAll(strings(connection, """
        SELECT 'comment ' || c.relname || ' ' || d.description
          FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
         WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> 'changelog'
        """));
    lines.sort(null);
    return lines;
  }

  static long count(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + table);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
