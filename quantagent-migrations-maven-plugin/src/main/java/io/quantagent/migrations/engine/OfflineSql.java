package io.quantagent.migrations.engine;

import java.util.List;
import java.util.Optional;

/**
 * The exact SQL an upgrade or downgrade would run, changelog statements included, as one file for a DBA
 * or a deployment pipeline ({@code psql -v ON_ERROR_STOP=1 -f FILE}). Each migration is its own
 * transaction, as when the plugin runs it, except scripts marked {@code -- quantagent:no-transaction}; a script the
 * runner would refuse is refused here too, before any SQL is written.
 */
final class OfflineSql {
  private final ScriptSource scripts;
  private final String table;

  OfflineSql(ScriptSource scripts, String table) {
    this.scripts = scripts;
    this.table = table;
  }

  /** @throws InvalidScriptException where upgrade would refuse a script of the plan ({@link RunPlan}) */
  String upgrade(List<MigrationInfo> plan, Optional<MigrationInfo> from) {
    RunPlan run = RunPlan.of(scripts, plan, false);
    StringBuilder sql = header("upgrade", from, plan.isEmpty() ? from : Optional.of(plan.get(plan.size() - 1)));
    Changelog.ddl(table).forEach(ddl -> sql.append(ddl).append(";\n"));
    for (PlannedMigration planned : run.migrations()) {
      MigrationInfo migration = planned.migration();
      migration(sql, planned, "INSERT INTO " + table + " (id, applied_at, description, checksum) VALUES ("
          + migration.idText() + ", to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), " + literal(migration.description())
          + ", " + literal(scripts.checksum(migration)) + ");");
    }
    return sql.toString();
  }

  /** @throws InvalidScriptException where downgrade would refuse an undo of the plan ({@link RunPlan}) */
  String downgrade(List<MigrationInfo> plan, Optional<MigrationInfo> from, Optional<MigrationInfo> to) {
    RunPlan run = RunPlan.of(scripts, plan, true);
    StringBuilder sql = header("downgrade", from, to);
    for (PlannedMigration planned : run.migrations()) {
      migration(sql, planned, "DELETE FROM " + table + " WHERE id = " + planned.migration().idText() + ";");
    }
    return sql.toString();
  }

  private StringBuilder header(String goal, Optional<MigrationInfo> from, Optional<MigrationInfo> to) {
    return new StringBuilder("-- QuantAgent Migrations: ").append(goal).append(" from ")
        .append(from.map(MigrationInfo::toString).orElse("base")).append(" to ")
        .append(to.map(MigrationInfo::toString).orElse("base")).append('\n')
        .append("-- Run with: psql -v ON_ERROR_STOP=1 -f <this file>\n\n");
  }

  /** The migration's statements as the runner reads and checked them, in its transaction unless marked otherwise. */
  private static void migration(StringBuilder sql, PlannedMigration planned, String changelogStatement) {
    boolean transactional = !planned.directives().noTransaction();
    sql.append("\n-- ").append(planned.file()).append(planned.undo() ? " (undo)" : "").append('\n');
    if (transactional) {
      sql.append("BEGIN;\n");
    }
    for (SqlStatement statement : planned.statements()) {
      sql.append(statement.sql()).append(statement.sql().endsWith(";") ? "\n" : ";\n");
    }
    if (SessionSettings.mayChange(planned.statements())) {
      SessionSettings.RESET.forEach(reset -> sql.append(reset).append(";\n")); // as the runner sends them
    }
    sql.append(changelogStatement).append('\n');
    if (transactional) {
      sql.append("COMMIT;\n");
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
