package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The invalid indexes a failed {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX ... CONCURRENTLY} leaves
 * behind: they are useless, slow every write to their table, and make a re-run fail with "relation already
 * exists". They are dropped (concurrently, so writers never wait) before the failure is reported or retried.
 */
final class InvalidIndexes {
  private static final String ON_TABLE = "select c.oid::regclass::text, c.relname from pg_index i"
      + " join pg_class c on c.oid = i.indexrelid where not i.indisvalid and i.indrelid = ";

  private InvalidIndexes() {}

  /** The invalid indexes of the table the statement builds on, by their qualified name. */
  static Set<String> of(Connection connection, Concurrently.IndexBuild build) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    String table = build.table().isPresent() ? "to_regclass(?)"
        : "(select indrelid from pg_index where indexrelid = to_regclass(?))";
    try (PreparedStatement statement = connection.prepareStatement(ON_TABLE + table)) {
      statement.setString(1, build.table().orElseGet(() -> build.reindexedIndex().orElseThrow()));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (build.indexName().isEmpty() || rs.getString(2).equals(identifier(build.indexName().get()))) {
            names.add(rs.getString(1));
          }
        }
      }
    }
    return names;
  }

  /** Drops the invalid indexes on the statement's table that were not there {@code before}; returns their names. */
  static List<String> dropNew(Connection connection, Concurrently.IndexBuild build, Set<String> before, EventLog log)
      throws SQLException {
    List<String> dropped = new ArrayList<>();
    for (String index : of(connection, build.anyIndex())) {
      if (!before.contains(index)) {
        drop(connection, index, log);
        dropped.add(index);
      }
    }
    return dropped;
  }

  static void drop(Connection connection, String index, EventLog log) throws SQLException {
    log.warn("Dropping the invalid index " + index + " (DROP INDEX CONCURRENTLY)");
    try (Statement statement = connection.createStatement()) {
      statement.execute("drop index concurrently if exists " + index);
    }
  }

  /** An identifier as PostgreSQL stores it: quoted as written, unquoted folded to lower case. */
  private static String identifier(String name) {
    return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
        : name.toLowerCase(Locale.ROOT);
  }
}
