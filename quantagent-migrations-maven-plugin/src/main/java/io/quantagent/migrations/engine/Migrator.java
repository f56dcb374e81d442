package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.MigrationException;
import org.apache.ibatis.migration.operations.DownOperation;
import org.apache.ibatis.migration.operations.UpOperation;

/**
 * The engine's front door: upgrade, downgrade, current and history, on MyBatis Migrations' operations.
 * It adds what they lack: targets checked before anything runs, one transaction per migration with its
 * changelog row, and results as values instead of console text.
 */
public final class Migrator {
  private final ConnectionFactory connections;
  private final ScriptSource scripts;
  private final String changelogTable;
  private final EventLog log;

  public Migrator(ConnectionFactory connections, ScriptSource scripts, String changelogTable, EventLog log) {
    this.connections = connections;
    this.scripts = scripts;
    this.changelogTable = Changelog.validateTableName(changelogTable);
    this.log = log;
  }

  public UpgradeResult upgrade(Target target) {
    List<MigrationInfo> known = scripts.scripts();
    return inSession((session, changelog) -> {
      MigrationPlanner planner = planner(known, changelog);
      List<MigrationInfo> plan = planner.upgrade(target);
      if (plan.isEmpty()) {
        return new UpgradeResult(List.of(), planner.current(), planner.current());
      }
      changelog.createIfMissing();
      session.commit();
      RunRecorder recorder = new RunRecorder(session, log, "Applied");
      try (PrintStream sql = LogPrintStream.debug(log)) {
        new UpOperation(plan.size()).operate(session.provider(), scripts.loader(), changelog.options(), sql, recorder);
      } catch (MigrationException e) {
        throw failure(session, recorder, e, "upgrade");
      }
      return new UpgradeResult(recorder.runs(), planner.current(), Optional.of(plan.get(plan.size() - 1)));
    });
  }

  public UpgradeResult downgrade(Target target) {
    List<MigrationInfo> known = scripts.scripts();
    return inSession((session, changelog) -> {
      MigrationPlanner planner = planner(known, changelog);
      List<MigrationInfo> plan = planner.downgrade(target);
      if (plan.isEmpty()) {
        return new UpgradeResult(List.of(), planner.current(), planner.current());
      }
      for (MigrationInfo migration : plan) {
        if (!known.contains(migration)) {
          throw new InvalidScriptException("Cannot undo " + migration + ": the changelog has it but its script is"
              + " gone from " + scripts.location() + ". Restore the script, then downgrade again.");
        }
      }
      RunRecorder recorder = new RunRecorder(session, log, "Undid");
      try (PrintStream sql = LogPrintStream.debug(log)) {
        new DownOperation(plan.size()).operate(session.provider(), scripts.loader(), changelog.options(), sql, recorder);
      } catch (MigrationException e) {
        throw failure(session, recorder, e, "downgrade");
      }
      List<MigrationInfo> remaining = new ArrayList<>(planner.downgrade(new Target.Base()));
      remaining.removeAll(plan);
      return new UpgradeResult(recorder.runs(), planner.current(),
          remaining.isEmpty() ? Optional.empty() : Optional.of(remaining.get(0)));
    });
  }

  public CurrentState current() {
    List<MigrationInfo> known = scripts.scripts();
    return inSession((session, changelog) -> {
      MigrationPlanner planner = planner(known, changelog);
      return new CurrentState(planner.current(), changelog.applied().size(), planner.pending().size());
    });
  }

  /** Every migration known from the scripts or the changelog, oldest first. */
  public List<HistoryEntry> history() {
    List<MigrationInfo> known = scripts.scripts();
    return inSession((session, changelog) -> {
      Map<MigrationInfo, String> appliedAt = new TreeMap<>();
      for (Change change : changelog.applied()) {
        appliedAt.put(MigrationInfo.of(change), change.getAppliedTimestamp());
      }
      TreeMap<MigrationInfo, Boolean> all = new TreeMap<>();
      appliedAt.keySet().forEach(m -> all.put(m, false));
      known.forEach(m -> all.put(m, true));
      MigrationInfo current = appliedAt.isEmpty() ? null : ((TreeMap<MigrationInfo, String>) appliedAt).lastKey();
      List<HistoryEntry> entries = new ArrayList<>();
      all.forEach((migration, scriptPresent) -> entries.add(new HistoryEntry(
          appliedAt.keySet().stream().filter(migration::equals).findFirst().orElse(migration),
          Optional.ofNullable(appliedAt.get(migration)), scriptPresent, migration.equals(current))));
      return entries;
    });
  }

  public String scriptLocation() {
    return scripts.location();
  }

  private MigrationPlanner planner(List<MigrationInfo> known, Changelog changelog) throws SQLException {
    List<MigrationInfo> applied = changelog.applied().stream().map(MigrationInfo::of).sorted().toList();
    MigrationPlanner planner = new MigrationPlanner(known, applied);
    for (MigrationInfo migration : applied) {
      if (!known.contains(migration)) {
        log.warn("The changelog lists " + migration + " but no script for it is in " + scripts.location() + ".");
      }
    }
    Optional<MigrationInfo> current = planner.current();
    for (MigrationInfo script : known) {
      if (!applied.contains(script) && current.isPresent() && script.compareTo(current.get()) < 0) {
        log.warn("Script " + script + " is older than the current migration " + current.get()
            + " but was never applied; upgrade will not apply it. Give it a new id with mvn quantagent:create.");
      }
    }
    return planner;
  }

  private RuntimeException failure(MigrationConnection session, RunRecorder recorder, MigrationException e,
      String goal) {
    session.rollbackQuietly();
    return ScriptFailure.explain(e, recorder, scripts.location(), goal);
  }

  private <T> T inSession(SessionWork<T> work) {
    try (MigrationConnection session = new MigrationConnection(connections.open(), log)) {
      return work.run(session, new Changelog(session.connection(), changelogTable));
    } catch (SQLException e) {
      throw new IllegalStateException("Database error: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SessionWork<T> {
    T run(MigrationConnection session, Changelog changelog) throws SQLException;
  }
}
