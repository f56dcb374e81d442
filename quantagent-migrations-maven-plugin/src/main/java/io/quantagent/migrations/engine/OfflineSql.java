package io.quantagent.migrations.engine;

import java.util.List;
import java.util.Optional;

/**
 * The exact SQL an upgrade or downgrade would run, changelog statements included, as one file for a DBA
 * or a deployment pipeline ({@code psql -v ON_ERROR_STOP=1 -f FILE}). Each migration is its own
 * transaction, as when the plugin runs it, except scripts marked {@code -- quantagent:no-transaction}.
 */
final class OfflineSql {
  private final ScriptSource scripts;
  private final String table;

  OfflineSql(ScriptSource scripts, String table) {
    this.scripts = scripts;
    this.table = table;
  }

  String upgrade(List<MigrationInfo> plan, Optional<MigrationInfo> from) {
    StringBuilder sql = header("upgrade", from, plan.isEmpty() ? from : Optional.of(plan.get(plan.size() - 1)));
    Changelog.ddl(table).forEach(ddl -> sql.append(ddl).append(";\n"));
    for (MigrationInfo migration : plan) {
      migration(sql, migration, false, "INSERT INTO " + table + " (id, applied_at, description, checksum) VALUES ("
          + migration.idText() + ", to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), " + literal(migration.description())
          + ", " + literal(scripts.checksum(migration)) + ");");
    }
    return sql.toString();
  }

  String downgrade(List<MigrationInfo> plan, Optional<MigrationInfo> from, Optional<MigrationInfo> to) {
    StringBuilder sql = header("downgrade", from, to);
    for (MigrationInfo migration : plan) {
      migration(sql, migration, true, "DELETE FROM " + table + " WHERE id = " + migration.idText() + ";");
    }
    return sql.toString();
  }

  private StringBuilder header(String goal, Optional<MigrationInfo> from, Optional<MigrationInfo> to) {
    return new StringBuilder("-- QuantAgent Migrations: ").append(goal).append(" from ")
        .append(from.map(MigrationInfo::toString).orElse("base")).append(" to ")
        .append(to.map(MigrationInfo::toString).orElse("base")).append('\n')
        .append("-- Run with: psql -v ON_ERROR_STOP=1 -f <this file>\n\n");
  }

  private void migration(StringBuilder sql, MigrationInfo migration, boolean undo, String changelogStatement) {
    String filename = scripts.filename(migration);
    boolean transactional = !DirectiveComments.of(scripts.loader().text(filename)).noTransaction();
    sql.append("\n-- ").append(filename).append(undo ? " (undo)" : "").append('\n');
    if (transactional) {
      sql.append("BEGIN;\n");
    }
    for (SqlStatement statement : PostgresScriptSplitter.split(scripts.section(migration, undo))) {
      sql.append(statement.sql()).append(statement.sql().endsWith(";") ? "\n" : ";\n");
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
