package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Several migrations' batches sent as one pgjdbc batch, one round trip for all. Batches that commit keep their own
 * transactions: each after the first opens its own with {@code BEGIN} (pgjdbc opens the first one), so a failure in
 * one leaves the ones before it committed. After a failure the server skips the rest until the batch's end, and
 * pgjdbc sends nothing more once it has seen one, so nothing after the failing migration runs. Batches of
 * {@code all} mode have no {@code COMMIT} and share the open transaction.
 */
final class BatchWindow {
  /** The migration a failure is in (its index in the window) and where in its batch. */
  record Failure(int member, TransactionBatch.Position position) {}

  private final List<TransactionBatch> members;
  private final List<String> sql = new ArrayList<>();
  private final List<Integer> memberOf = new ArrayList<>();
  private final List<Integer> partOf = new ArrayList<>(); // index in the member's batch; -1 for its BEGIN

  BatchWindow(List<TransactionBatch> members) {
    this.members = List.copyOf(members);
    for (int m = 0; m < members.size(); m++) {
      TransactionBatch batch = members.get(m);
      if (m > 0 && members.get(m - 1).commits()) {
        add("BEGIN", m, -1);
      }
      List<String> parts = batch.sql();
      for (int i = 0; i < parts.size(); i++) {
        add(parts.get(i), m, i);
      }
    }
  }

  List<TransactionBatch> members() {
    return members;
  }

  List<PlannedMigration> migrations() {
    return members.stream().map(TransactionBatch::migration).toList();
  }

  /** Sends the window; the connection must not be in auto-commit. PostgreSQL's notices become debug lines. */
  void execute(Connection connection, EventLog log) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setEscapeProcessing(false);
      for (int i = 0; i < sql.size(); i++) {
        int part = partOf.get(i);
        PlannedMigration migration = members.get(memberOf.get(i)).migration();
        Optional<SqlStatement> running = part < 0 ? Optional.empty()
            : members.get(memberOf.get(i)).at(part).statement();
        running.ifPresent(s -> log.debug(migration.migration() + " SQL " + s.number() + "/"
            + migration.statements().size() + ": " + s.sql()));
        statement.addBatch(sql.get(i));
      }
      statement.executeBatch();
      TransactionBatch.warnings(statement, log);
    }
  }

  /**
   * Which migration {@code failure} (thrown by {@link #execute}) is in, and where. When the driver does not say
   * which statement failed (a lost connection), the first migration is named with an unknown part: how much of
   * the window committed is then unknown, and the message says to check the database.
   */
  Failure failedAt(SQLException failure) {
    OptionalInt index = TransactionBatch.entryIndex(failure);
    if (index.isEmpty() || index.getAsInt() >= sql.size()) {
      return new Failure(0, new TransactionBatch.Position(TransactionBatch.Part.UNKNOWN, Optional.empty()));
    }
    int i = index.getAsInt();
    int member = memberOf.get(i);
    int part = partOf.get(i);
    return new Failure(member, part < 0
        ? new TransactionBatch.Position(TransactionBatch.Part.SETTING, Optional.empty())
        : members.get(member).at(part));
  }

  private void add(String statement, int member, int part) {
    sql.add(statement);
    memberOf.add(member);
    partOf.add(part);
  }
}
