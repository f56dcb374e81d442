package io.quantagent.migrations.engine;

import java.util.List;
import java.util.Optional;

/**
 * The exact SQL an upgrade or downgrade would run, changelog statements included, as one file for a DBA
 * or a deployment pipeline ({@code psql -v ON_ERROR_STOP=1 -f FILE}). Each migration is its own
 * transaction, as when the plugin runs it (with {@code -Dquantagent.transaction=all}, the migrations between
 * no-transaction scripts share one), except scripts marked {@code -- quantagent:no-transaction}; each gets the lock and
 * statement timeouts the runner would set (the session's own stricter lock_timeout kept: see
 * {@link OfflineLockTimeout}), and an index build the invalid leftovers of a failed earlier run dropped
 * before it (psql's {@code \gexec}, so the file is psql's), and the {@link ClientEncodingGuard} after a script that may
 * set the client encoding. A script the runner would refuse is refused here too, before any SQL is written. What
 * psql cannot do is retry: a lock timeout stops the file at that migration.
 */
final class OfflineSql {
  private final ScriptSource scripts;
  private final String table;
  private final RunnerSettings runner;
  private boolean inGroup; // all mode: a transaction is open across migrations

  OfflineSql(ScriptSource scripts, String table, RunnerSettings runner) {
    this.scripts = scripts;
    this.table = table;
    this.runner = runner;
  }

  /** @throws InvalidScriptException where upgrade would refuse a script of the plan ({@link RunPlan}) */
  String upgrade(List<MigrationInfo> plan, Optional<MigrationInfo> from) {
    RunPlan run = RunPlan.of(scripts, plan, false);
    OfflineLockTimeout lockTimeout = OfflineLockTimeout.of(runner, run.migrations());
    StringBuilder sql = header("upgrade", from, plan.isEmpty() ? from : Optional.of(plan.get(plan.size() - 1)),
        lockTimeout);
    Changelog.ddl(table).forEach(ddl -> sql.append(ddl).append(";\n"));
    for (PlannedMigration planned : run.migrations()) {
      MigrationInfo migration = planned.migration();
      migration(sql, planned, lockTimeout, "INSERT INTO " + table + " (id, applied_at, description, checksum) VALUES ("
          + migration.idText() + ", to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), " + literal(migration.description())
          + ", " + literal(scripts.checksum(migration)) + ");");
    }
    return endGroup(sql).toString();
  }

  /** @throws InvalidScriptException where downgrade would refuse an undo of the plan ({@link RunPlan}) */
  String downgrade(List<MigrationInfo> plan, Optional<MigrationInfo> from, Optional<MigrationInfo> to) {
    RunPlan run = RunPlan.of(scripts, plan, true);
    OfflineLockTimeout lockTimeout = OfflineLockTimeout.of(runner, run.migrations());
    StringBuilder sql = header("downgrade", from, to, lockTimeout);
    for (PlannedMigration planned : run.migrations()) {
      migration(sql, planned, lockTimeout,
          "DELETE FROM " + table + " WHERE id = " + planned.migration().idText() + ";");
    }
    return endGroup(sql).toString();
  }

  private static StringBuilder header(String goal, Optional<MigrationInfo> from, Optional<MigrationInfo> to,
      OfflineLockTimeout lockTimeout) {
    StringBuilder sql = new StringBuilder("-- QuantAgent Migrations: ").append(goal).append(" from ")
        .append(from.map(MigrationInfo::toString).orElse("base")).append(" to ")
        .append(to.map(MigrationInfo::toString).orElse("base")).append('\n')
        .append("-- Run with: psql -v ON_ERROR_STOP=1 -f <this file>\n")
        .append("-- A lock timeout stops it at that migration: write the file again (it starts where the database is)"
            + " and run it at a quieter moment.\n")
        // The file is UTF-8 whatever psql's own encoding is (PGCLIENTENCODING, a Windows code page, SQL_ASCII under a
        // C locale): read otherwise, its text would be stored garbled, and the client-encoding check would fail.
        .append("SET client_encoding = 'UTF8';\n");
    lockTimeout.note().ifPresent(sql::append);
    return sql.append('\n');
  }

  /** The migration's statements as the runner reads and checked them, in its transaction unless marked otherwise. */
  private void migration(StringBuilder sql, PlannedMigration planned, OfflineLockTimeout lockTimeout,
      String changelogStatement) {
    boolean transactional = !planned.directives().noTransaction();
    boolean shared = runner.transaction() == TransactionMode.ALL;
    if (!transactional) {
      endGroup(sql);
    }
    sql.append("\n-- ").append(planned.file()).append(planned.undo() ? " (undo)" : "").append('\n');
    if (transactional) {
      if (!inGroup) {
        sql.append("BEGIN;\n");
        inGroup = shared;
      }
      // In a shared transaction a SET LOCAL lasts until it ends, so each migration sets both, to its own or back.
      Optional<String> lock = lockTimeout.setLocal(planned);
      SessionTimeout statement = planned.directives().sessionStatementTimeout(runner);
      if (lock.isPresent() || shared) {
        sql.append(lock.orElse(SessionTimeout.SERVER_DEFAULT.setLocal("lock_timeout"))).append(";\n");
      }
      if (statement.value().isPresent() || shared) {
        sql.append(statement.setLocal("statement_timeout")).append(";\n");
      }
      statements(sql, planned.statements());
      ClientEncodingGuard.after(planned.statements()).ifPresent(check -> sql.append(check).append(";\n"));
    } else {
      noTransaction(sql, planned, lockTimeout);
    }
    if (SessionSettings.mayChange(planned.statements())) {
      SessionSettings.RESET.forEach(reset -> sql.append(reset).append(";\n")); // as the runner sends them
    }
    sql.append(changelogStatement).append('\n');
    if (transactional && !shared) {
      sql.append("COMMIT;\n");
    }
  }

  /**
   * Statement by statement in auto-commit, each under the timeouts the runner gives it: a {@code CONCURRENTLY} one
   * waits for locks as long as it takes unless the script's header says otherwise (see {@link NoTransactionScript}).
   */
  private void noTransaction(StringBuilder sql, PlannedMigration planned, OfflineLockTimeout lockTimeout) {
    SessionTimeout statementTimeout = planned.directives().sessionStatementTimeout(runner);
    String serverLockTimeout = SessionTimeout.SERVER_DEFAULT.set("lock_timeout");
    String lockSet = serverLockTimeout;
    SessionTimeout statementSet = SessionTimeout.SERVER_DEFAULT;
    for (SqlStatement statement : planned.statements()) {
      String lock = lockTimeout.set(planned, statement);
      if (!lock.equals(lockSet)) {
        sql.append(lock).append(";\n");
        lockSet = lock;
      }
      if (!statementTimeout.equals(statementSet)) {
        sql.append(statementTimeout.set("statement_timeout")).append(";\n");
        statementSet = statementTimeout;
      }
      Concurrently.indexBuild(statement).flatMap(EarlierBuildLeftovers::query).ifPresent(leftovers -> sql
          .append("-- What a failed earlier run of the next statement left is dropped first, as upgrade does.\n")
          .append("SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %s', leftover) FROM (").append(leftovers)
          .append(") AS leftovers (leftover) \\gexec\n"));
      statements(sql, List.of(statement));
    }
    if (!lockSet.equals(serverLockTimeout) || !statementSet.equals(SessionTimeout.SERVER_DEFAULT)) {
      sql.append(serverLockTimeout).append(";\n")
          .append(SessionTimeout.SERVER_DEFAULT.set("statement_timeout")).append(";\n");
    }
  }

  private static void statements(StringBuilder sql, List<SqlStatement> statements) {
    for (SqlStatement statement : statements) {
      sql.append(statement.sql()).append(statement.sql().endsWith(";") ? "\n" : ";\n");
    }
  }

  private StringBuilder endGroup(StringBuilder sql) {
    if (inGroup) {
      sql.append("COMMIT;\n");
      inGroup = false;
    }
    return sql;
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
