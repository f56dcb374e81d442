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
 * statements, its changelog row and, unless it shares its transaction with the next migration, {@code COMMIT}.
 * pgjdbc sends the {@code BEGIN} with it and follows the transaction state the server reports, so after the batch
 * the connection knows the transaction ended. When a statement fails the server skips the rest of the batch, and
 * {@link #failedAt} tells which part failed.
 */
final class TransactionBatch {
  /** Where in the batch a failure happened. */
  enum Part { SETTING, STATEMENT, CHANGELOG, COMMIT, UNKNOWN }

  record Position(Part part, Optional<SqlStatement> statement) {}

  // pgjdbc's message for a failed batch starts "Batch entry <index> ..." in every translation it ships.
  private static final Pattern ENTRY = Pattern.compile("^\\D*?(\\d+)");

  private final PlannedMigration migration;
  private final List<String> sql = new ArrayList<>();
  private final int firstStatement;
  private final int changelogIndex;
  private final int commitIndex;

  TransactionBatch(PlannedMigration migration, List<String> settings, Optional<String> changelogRow, boolean commit) {
    this.migration = migration;
    sql.addAll(settings);
    firstStatement = sql.size();
    migration.statements().forEach(s -> sql.add(s.sql()));
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

  /** Sends the batch; the connection must not be in auto-commit. PostgreSQL's notices become debug lines. */
  void execute(Connection connection, EventLog log) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      int n = migration.statements().size();
      for (int i = 0; i < sql.size(); i++) {
        int k = i - firstStatement + 1;
        if (k >= 1 && k <= n) {
          log.debug("SQL " + k + "/" + n + ": " + sql.get(i));
        }
        statement.addBatch(sql.get(i));
      }
      statement.executeBatch();
      for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
        log.debug("PostgreSQL: " + warning.getMessage());
      }
    }
  }

  /** The part of this batch that {@code failure} (thrown by {@link #execute}) comes from. */
  Position failedAt(SQLException failure) {
    OptionalInt index = entryIndex(failure);
    if (index.isEmpty()) {
      return new Position(Part.UNKNOWN, Optional.empty());
    }
    int i = index.getAsInt();
    if (i < firstStatement) {
      return new Position(Part.SETTING, Optional.empty());
    }
    if (i < firstStatement + migration.statements().size()) {
      return new Position(Part.STATEMENT, Optional.of(migration.statements().get(i - firstStatement)));
    }
    if (i == changelogIndex) {
      return new Position(Part.CHANGELOG, Optional.empty());
    }
    return new Position(i == commitIndex ? Part.COMMIT : Part.UNKNOWN, Optional.empty());
  }

  private static OptionalInt entryIndex(SQLException failure) {
    if (!(failure instanceof BatchUpdateException) || failure.getMessage() == null) {
      return OptionalInt.empty();
    }
    Matcher matcher = ENTRY.matcher(failure.getMessage());
    return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }
}
