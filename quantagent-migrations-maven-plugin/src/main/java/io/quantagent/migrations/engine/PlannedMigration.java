package io.quantagent.migrations.engine;

import java.util.List;

/**
 * One migration of a run as the runner will send it: its file, whether it is the change or its {@code @UNDO} part,
 * what the script's header asks, and the statements of that part with their line in the file.
 */
record PlannedMigration(MigrationInfo migration, String file, boolean undo, ScriptDirectives directives,
    List<SqlStatement> statements) {

  /** "20260102000000 (add risk level)" with "undo of" in front for a downgrade, for log lines and messages. */
  String label() {
    return (undo ? "the undo of " : "") + migration;
  }
}
