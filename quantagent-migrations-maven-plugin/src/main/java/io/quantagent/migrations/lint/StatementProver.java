package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.PostgresScriptSplitter;
import io.quantagent.migrations.engine.SqlStatement;
import io.quantagent.migrations.lint.ScriptSections.Section;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one script's change, statement by statement, on a scratch database as the runner would (in one transaction,
 * or statement by statement for a {@code -- quantagent:no-transaction} script) and, after each statement, reads from
 * the server what it did to the tables that existed before the script: the locks its own backend holds ({@code pg_locks}),
 * whether a table's {@code relfilenode} changed (a rewrite), and whether it read a table whole
 * ({@code pg_stat_xact_user_tables.seq_scan}). Catches what text cannot: a DO block, a function that runs DDL.
 */
final class StatementProver {
  private static final String TABLES = "select c.oid::bigint, n.nspname, c.relname, c.relfilenode::bigint,"
      + " coalesce(s.seq_scan, 0), array(select l.mode from pg_locks l where l.pid = pg_backend_pid()"
      + " and l.locktype = 'relation' and l.relation = c.oid and l.granted)"
      + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
      + " left join pg_stat_xact_user_tables s on s.relid = c.oid"
      + " where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema')"
      + " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'";
  private static final String NOT_IN_TRANSACTION = "25001";

  private record TableState(String schema, String name, long fileNode, long seqScans, Set<LockMode> locks) {}

  private StatementProver() {}

  /** Proves {@code script}'s change on {@code scratch}; a failure ends the list (its last entry says so). */
  static List<ProvenStatement> prove(Connection scratch, LintScript script) throws SQLException {
    Section change = ScriptSections.of(script.text()).change();
    boolean transactional = !ScriptDirectives.of(script.text()).noTransaction();
    List<ProvenStatement> proven = new ArrayList<>();
    scratch.setAutoCommit(false);
    Map<Long, TableState> before = tables(scratch);
    Set<Long> existing = Set.copyOf(before.keySet()); // a table the script creates has no readers yet
    for (SqlStatement statement : PostgresScriptSplitter.split(change.text())) {
      int line = change.firstLine() - 1 + statement.line();
      boolean outside = false;
      try {
        execute(scratch, statement.sql());
      } catch (SQLException e) {
        if (scratch.isClosed()) {
          // pgjdbc closed it: the statement set a client encoding other than UTF8, or a DateStyle other than ISO
          proven.add(failed(script, line, statement, e));
          return proven;
        }
        scratch.rollback();
        if (!transactional && NOT_IN_TRANSACTION.equals(e.getSQLState())) {
          scratch.setAutoCommit(true);
          try {
            execute(scratch, statement.sql());
          } catch (SQLException again) {
            proven.add(failed(script, line, statement, again));
            return proven;
          } finally {
            scratch.setAutoCommit(false);
          }
          outside = true;
        } else {
          proven.add(failed(script, line, statement, e));
          return proven;
        }
      }
      Map<Long, TableState> after = tables(scratch);
      List<LockedTable> touched = outside ? List.of() : touched(before, after, existing);
      proven.add(new ProvenStatement(script.filename(), line, statement.firstLine(), touched, outside, null));
      if (!transactional) {
        scratch.commit();
        after = tables(scratch);
      }
      before = after;
    }
    scratch.commit();
    return proven;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static ProvenStatement failed(LintScript script, int line, SqlStatement statement, SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new ProvenStatement(script.filename(), line, statement.firstLine(), List.of(), false,
        message + (e.getSQLState() == null ? "" : ", SQLSTATE " + e.getSQLState()));
  }

  /** The tables that existed before the script and that the statement newly locked, rewrote or scanned. */
  private static List<LockedTable> touched(Map<Long, TableState> before, Map<Long, TableState> after,
      Set<Long> existing) {
    List<LockedTable> touched = new ArrayList<>();
    for (Map.Entry<Long, TableState> entry : before.entrySet()) {
      if (!existing.contains(entry.getKey())) {
        continue;
      }
      TableState old = entry.getValue();
      TableState now = after.get(entry.getKey());
      if (now == null) {
        touched.add(new LockedTable(old.schema(), old.name(), LockMode.ACCESS_EXCLUSIVE, false, false, null));
        continue;
      }
      boolean rewrite = old.fileNode() != 0 && now.fileNode() != old.fileNode();
      boolean scan = now.seqScans() > old.seqScans();
      boolean newLock = !old.locks().containsAll(now.locks());
      if (newLock || rewrite || scan) {
        LockMode strongest = now.locks().stream().max(Enum::compareTo).orElse(null);
        touched.add(new LockedTable(now.schema(), now.name(), strongest, rewrite, scan, null));
      }
    }
    touched.sort((a, b) -> a.name().compareTo(b.name()));
    return touched;
  }

  private static Map<Long, TableState> tables(Connection connection) throws SQLException {
    Map<Long, TableState> tables = new HashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(TABLES)) {
      while (rows.next()) {
        Set<LockMode> locks = EnumSet.noneOf(LockMode.class);
        Array modes = rows.getArray(6);
        for (Object mode : (Object[]) modes.getArray()) {
          try {
            locks.add(LockMode.parse(mode.toString()));
          } catch (IllegalArgumentException predicateLock) {
            // SIReadLock of serializable transactions: no table lock
          }
        }
        tables.put(rows.getLong(1), new TableState(rows.getString(2), rows.getString(3), rows.getLong(4),
            rows.getLong(5), locks));
      }
    }
    return tables;
  }
}
