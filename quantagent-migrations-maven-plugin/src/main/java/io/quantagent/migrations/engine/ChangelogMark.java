package io.quantagent.migrations.engine;

import java.util.Optional;

/**
 * What the changelog table's comment says of how it came to be: the one thing about it that {@code pg_dump
 * --schema-only} copies besides its columns, and that neither stock MyBatis nor an earlier version of this plugin
 * reads or writes. A row would not do: both would take it for an applied migration, and a schema-only dump drops it.
 *
 * <p>A changelog this plugin creates says {@link State#OURS}, so an empty one beside a table the first migration
 * creates is a restore. Only a first migration that runs without a transaction leaves the changelog committed and
 * empty beside its tables when it fails or is killed part way: before it the table says {@link State#FIRST_RUN_UNFINISHED}
 * with the script's name, and its changelog row takes that back in the same transaction. (Flyway records such a
 * failure as a row with {@code success = false}, and refuses to go on until {@code repair} deletes it.) A changelog
 * made by stock MyBatis, an earlier version or offline SQL has no mark ({@link State#NONE}) and is judged as before.
 */
record ChangelogMark(State state, Optional<String> unfinishedFile) {
  enum State { NONE, OURS, FIRST_RUN_UNFINISHED }

  private static final String OURS = "QuantAgent Migrations changelog";
  private static final String UNFINISHED = OURS + "; its first run has not finished ";
  private static final String UNFINISHED_END = " (no-transaction): upgrade runs it again";

  /** @param comment the table's comment, null when it has none */
  static ChangelogMark of(String comment) {
    if (OURS.equals(comment)) {
      return new ChangelogMark(State.OURS, Optional.empty());
    }
    if (comment != null && comment.startsWith(UNFINISHED) && comment.endsWith(UNFINISHED_END)) {
      return new ChangelogMark(State.FIRST_RUN_UNFINISHED,
          Optional.of(comment.substring(UNFINISHED.length(), comment.length() - UNFINISHED_END.length())));
    }
    return new ChangelogMark(State.NONE, Optional.empty());
  }

  /** Marks the table as this plugin's, its first migration applied (or none run yet in a transaction of its own). */
  static String ours(String table) {
    return comment(table, OURS);
  }

  /** Marks the table as created by a run whose first migration, {@code file}, runs without a transaction. */
  static String firstRunUnfinished(String table, String file) {
    return comment(table, UNFINISHED + file + UNFINISHED_END);
  }

  private static String comment(String table, String text) {
    return "COMMENT ON TABLE " + table + " IS E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
