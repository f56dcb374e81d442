package io.quantagent.migrations.engine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run's first migration does to the changelog: creates it where it is missing and, where the table is (or
 * becomes) this plugin's and empty, keeps its {@link ChangelogMark} true to its state. A transactional first
 * migration creates and marks it in its own transaction, so a failure leaves neither. One without a transaction needs
 * the table committed before it: it is marked unfinished then, and its changelog row takes the mark back.
 *
 * @param ddl the table's DDL; empty when it exists
 * @param marks whether to mark it: it is created now, or it is this plugin's, empty, and this role owns it (only the
 *     owner may comment on a table; a changelog without a mark is judged as before)
 */
record ChangelogStart(String table, List<String> ddl, boolean marks) {
  static final ChangelogStart NONE = new ChangelogStart("", List.of(), false);

  /** An upgrade's: {@code atBase} when the changelog has no rows (or is missing). */
  static ChangelogStart forUpgrade(Changelog changelog, boolean atBase) throws SQLException {
    if (!changelog.exists()) {
      return new ChangelogStart(changelog.table(), Changelog.ddl(changelog.table()), true);
    }
    return new ChangelogStart(changelog.table(), List.of(),
        atBase && changelog.owned() && changelog.mark().state() != ChangelogMark.State.NONE);
  }

  /** Sent in the first migration's transaction. */
  List<String> inTransaction() {
    return marks ? with(ChangelogMark.ours(table)) : ddl;
  }

  /** Committed before a first migration that runs without a transaction. */
  List<String> beforeNoTransaction(String file) {
    return marks ? with(ChangelogMark.firstRunUnfinished(table, file)) : ddl;
  }

  /**
   * That migration's changelog row with the mark taken back, as one message: PostgreSQL runs the statements of one
   * message in auto-commit as one transaction, so a run killed there leaves both or neither.
   */
  Optional<String> withRow(Optional<String> row) {
    return marks ? row.map(insert -> insert + ";\n" + ChangelogMark.ours(table)) : row;
  }

  private List<String> with(String mark) {
    List<String> statements = new ArrayList<>(ddl);
    statements.add(mark);
    return statements;
  }
}
