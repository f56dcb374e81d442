package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration as one pgjdbc batch, sent in one network round trip: its settings ({@code SET LOCAL}), its
 * statements, the {@link ClientEncodingGuard} when they may set the client encoding, its changelog row and, unless it
 * shares its transaction with the next migration, {@code COMMIT}.
 * pgjdbc sends the {@code BEGIN} with it and follows the transaction state the server reports, so after the batch
 * the connection knows the transaction ended. When a statement fails the server skips the rest of the batch, and
 * {@link #failedAt} tells which part failed.
 */
final class TransactionBatch {
  /** Where in the batch a failure happened; SETTING is what comes before the statements (timeouts, changelog DDL). */
  enum Part { SETTING, STATEMENT, ENCODING_GUARD, CHANGELOG, COMMIT, UNKNOWN }

  record Position(Part part, Optional<SqlStatement> statement) {}

  // pgjdbc's message for a failed batch starts "Batch entry <index> ..." in every translation it ships.
  private static final Pattern ENTRY = Pattern.compile("^\\D*?(\\d+)");

  private final PlannedMigration migration;
  private final List<String> sql = new ArrayList<>();
  private final int firstStatement;
  private final int encodingGuardIndex;
  private final int resetsIndex;
  private final int resetsEnd;
  private final int changelogIndex;
  private final int commitIndex;

  /**
   * @param resets what the runner sends after the statements, before the changelog row: the session settings the
   *     script may have changed ({@link SessionSettings}); a failure there reads as one of the changelog row's
   */
  TransactionBatch(PlannedMigration migration, List<String> settings, List<String> resets,
      Optional<String> changelogRow, boolean commit) {
    this.migration = migration;
    sql.addAll(settings);
    firstStatement = sql.size();
    migration.statements().forEach(s -> sql.add(s.sql()));
    // Before the resets: RESET ALL would put the encoding back and hide what the statements after the SET were read in.
    Optional<String> encodingGuard = ClientEncodingGuard.after(migration.statements());
    encodingGuardIndex = encodingGuard.isPresent() ? sql.size() : -1;
    encodingGuard.ifPresent(sql::add);
    resetsIndex = sql.size();
    sql.addAll(resets);
    resetsEnd = sql.size();
    changelogIndex = changelogRow.isPresent() ? sql.size() : -1;
    changelogRow.ifPresent(sql::add);
    commitIndex = commit ? sql.size() : -1;
    if (commit) {
      sql.add("COMMIT");
    }
  }

  PlannedMigration migration() {
    return migration;
  }

  boolean commits() {
    return commitIndex >= 0;
  }

  /**
   * Sends the batch; the connection must not be in auto-commit. PostgreSQL's notices become debug lines. With
   * {@code oneByOne} each part is its own round trip: PostgreSQL times a statement_timeout from the first message of a
   * pipeline to its end, so only this way does the timeout bound each statement rather than the whole migration.
   */
  void execute(Connection connection, EventLog log, boolean oneByOne) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      int n = migration.statements().size();
      for (int i = 0; i < sql.size(); i++) {
        int k = i - firstStatement + 1;
        if (k >= 1 && k <= n) {
          log.debug("SQL " + k + "/" + n + ": " + sql.get(i));
        }
        if (oneByOne) {
          execute(statement, i);
          warnings(statement, log);
        } else {
          statement.addBatch(sql.get(i));
        }
      }
      if (!oneByOne) {
        statement.executeBatch();
        warnings(statement, log);
      }
    }
  }

  /** Runs one part alone; a failure reads like pgjdbc's failed batch entry, so {@link #failedAt} can place it. */
  private void execute(Statement statement, int index) throws SQLException {
    try {
      statement.execute(sql.get(index));
    } catch (SQLException e) {
      BatchUpdateException entry = new BatchUpdateException("Batch entry " + index + " failed: " + e.getMessage(),
          e.getSQLState(), 0, new int[0], e);
      entry.setNextException(e);
      throw entry;
    }
  }

  static void warnings(Statement statement, EventLog log) throws SQLException {
    for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
      log.debug("PostgreSQL: " + warning.getMessage());
    }
    statement.clearWarnings();
  }

  /** The part of this batch that {@code failure} (thrown by {@link #execute}) comes from. */
  Position failedAt(SQLException failure) {
    OptionalInt index = entryIndex(failure);
    return index.isEmpty() ? new Position(Part.UNKNOWN, Optional.empty()) : at(index.getAsInt());
  }

  /** The statements of the batch, in the order they are sent. */
  List<String> sql() {
    return List.copyOf(sql);
  }

  /** The part that the {@code i}-th statement of {@link #sql} is. */
  Position at(int i) {
    if (i < firstStatement) {
      return new Position(Part.SETTING, Optional.empty());
    }
    if (i < firstStatement + migration.statements().size()) {
      return new Position(Part.STATEMENT, Optional.of(migration.statements().get(i - firstStatement)));
    }
    if (i == encodingGuardIndex) {
      return new Position(Part.ENCODING_GUARD, Optional.empty());
    }
    if (i == changelogIndex || (i >= resetsIndex && i < resetsEnd)) {
      return new Position(Part.CHANGELOG, Optional.empty());
    }
    return new Position(i == commitIndex ? Part.COMMIT : Part.UNKNOWN, Optional.empty());
  }

  /** The index of the failed entry that pgjdbc's batch failure names, if it is one. */
  static OptionalInt entryIndex(SQLException failure) {
    if (!(failure instanceof BatchUpdateException) || failure.getMessage() == null) {
      return OptionalInt.empty();
    }
    Matcher matcher = ENTRY.matcher(failure.getMessage());
    return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }
}
