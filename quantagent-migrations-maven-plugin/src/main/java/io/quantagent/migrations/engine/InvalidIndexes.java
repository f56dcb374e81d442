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
import java.util.Set;

/**
 * The invalid indexes a failed {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX ... CONCURRENTLY} leaves
 * behind: they are useless, slow every write to their table, and make a re-run fail with "relation already
 * exists". They are dropped (concurrently, so writers never wait) before the failure is reported or retried.
 */
final class InvalidIndexes {
  /**
   * The invalid indexes of table %s and of its partitions (a partitioned table's REINDEX rebuilds theirs, each on its
   * own), and with the second parameter true also those of their TOAST tables. {@link EarlierBuildLeftovers} narrows
   * the same set to what an earlier run of one statement left.
   */
  private static final String ON_TABLE = "with r as (select %s as oid), t as (select oid from r"
      + " union select relid from pg_partition_tree((select oid from r)))"
      + " select i.indexrelid::regclass::text from pg_index i"
      + " where not i.indisvalid and (i.indrelid in (select oid from t) or ? and i.indrelid in"
      + " (select reltoastrelid from pg_class where oid in (select oid from t)))";

  private InvalidIndexes() {}

  /**
   * The invalid indexes of the statement's table, by their qualified name; for REINDEX TABLE, which rebuilds the
   * indexes of the table's TOAST table too, also of those.
   */
  static Set<String> of(Connection connection, Concurrently.IndexBuild build) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    String table = build.table().isPresent() ? "to_regclass(?)"
        : "(select indrelid from pg_index where indexrelid = to_regclass(?))";
    try (PreparedStatement statement = connection.prepareStatement(String.format(ON_TABLE, table))) {
      statement.setString(1, build.table().orElseGet(() -> build.reindexedIndex().orElseThrow()));
      statement.setBoolean(2, build.reindex() && build.table().isPresent());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** Drops the invalid indexes on the statement's table that were not there {@code before}; returns their names. */
  static List<String> dropNew(Connection connection, Concurrently.IndexBuild build, Set<String> before, EventLog log)
      throws SQLException {
    List<String> dropped = new ArrayList<>();
    for (String index : of(connection, build)) {
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
}
