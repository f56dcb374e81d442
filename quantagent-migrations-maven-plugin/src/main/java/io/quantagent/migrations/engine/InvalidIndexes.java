package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invalid indexes a failed {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX ... CONCURRENTLY} leaves
 * behind: they are useless, slow every write to their table, and make a re-run fail with "relation already
 * exists". They are dropped (concurrently, so writers never wait) before the failure is reported or retried.
 */
final class InvalidIndexes {
  /** What REINDEX CONCURRENTLY names its copies: the index's name (shortened to fit), then _ccnew or _ccold. */
  private static final Pattern REINDEX_COPY = Pattern.compile("(.*)_cc(?:new|old)[0-9]*");
  /** NAMEDATALEN - 1: the bytes of the longest name PostgreSQL stores. */
  private static final int LONGEST_NAME = 63;
  /**
   * The invalid indexes of table %s and of its partitions (a partitioned table's REINDEX rebuilds theirs, each on its
   * own), and with the second parameter true also those of their TOAST tables.
   */
  private static final String ON_TABLE = "with r as (select %s as oid), t as (select oid from r"
      + " union select relid from pg_partition_tree((select oid from r)))"
      + " select c.oid::regclass::text, c.relname from pg_index i join pg_class c on c.oid = i.indexrelid"
      + " where not i.indisvalid and (i.indrelid in (select oid from t) or ? and i.indrelid in"
      + " (select reltoastrelid from pg_class where oid in (select oid from t)))";

  private InvalidIndexes() {}

  /** The invalid indexes of the table the statement builds on, by their qualified name. */
  static Set<String> of(Connection connection, Concurrently.IndexBuild build) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    onTable(connection, build).forEach((qualified, name) -> {
      if (build.indexName().isEmpty() || name.equals(identifier(build.indexName().get()))) {
        names.add(qualified);
      }
    });
    return names;
  }

  /**
   * The copies a killed REINDEX ... CONCURRENTLY left, invalid, on the statement's table: {@code <index>_ccnew} (then
   * {@code _ccnew1}, ...) while it built, {@code <index>_ccold} once it had swapped. For REINDEX INDEX only those of
   * the index it names (PostgreSQL shortens a long name to fit the suffix); for REINDEX TABLE those of every index.
   */
  static Set<String> leftByReindex(Connection connection, Concurrently.IndexBuild build) throws SQLException {
    // The index and, for a partitioned one, its partitions' indexes, which its REINDEX rebuilds one by one.
    List<String> reindexed = new ArrayList<>();
    if (build.reindexedIndex().isPresent()) {
      try (PreparedStatement statement = connection.prepareStatement("with r as (select to_regclass(?) as oid)"
          + " select c.relname from pg_class c where c.oid = (select oid from r) or c.oid in"
          + " (select relid from pg_partition_tree((select oid from r)))")) {
        statement.setString(1, build.reindexedIndex().get());
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            reindexed.add(rs.getString(1));
          }
        }
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, String> index : onTable(connection, build).entrySet()) {
      Matcher copy = REINDEX_COPY.matcher(index.getValue());
      if (copy.matches() && (build.reindexedIndex().isEmpty()
          || reindexed.stream().anyMatch(name -> copyOf(index.getValue(), copy.group(1), name)))) {
        names.add(index.getKey());
      }
    }
    return names;
  }

  /** Whether {@code copy}, {@code base} and a suffix, copies {@code index}: its name, or its name shortened to fit. */
  private static boolean copyOf(String copy, String base, String index) {
    return base.equals(index) || copy.getBytes(StandardCharsets.UTF_8).length == LONGEST_NAME && index.startsWith(base);
  }

  /**
   * Qualified name to stored name, of every invalid index on the statement's table; for REINDEX TABLE, which rebuilds
   * the indexes of the table's TOAST table too, also of those.
   */
  private static Map<String, String> onTable(Connection connection, Concurrently.IndexBuild build) throws SQLException {
    Map<String, String> names = new LinkedHashMap<>();
    String table = build.table().isPresent() ? "to_regclass(?)"
        : "(select indrelid from pg_index where indexrelid = to_regclass(?))";
    try (PreparedStatement statement = connection.prepareStatement(String.format(ON_TABLE, table))) {
      statement.setString(1, build.table().orElseGet(() -> build.reindexedIndex().orElseThrow()));
      statement.setBoolean(2, build.reindex() && build.table().isPresent());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.put(rs.getString(1), rs.getString(2));
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
