package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.AdvisoryLock;
import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.db.TransactionPooler;
import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.migration.operations.DownOperation;
import org.apache.ibatis.migration.operations.UpOperation;

/**
 * The engine's front door, on MyBatis Migrations' operations. It adds what they lack: scripts and targets
 * checked before anything runs, a lock against concurrent runs, one transaction per migration with its
 * changelog row, checksums of applied scripts, and results as values instead of console text.
 */
public final class Migrator {
  private final ConnectionFactory connections;
  private final ScriptSource scripts;
  private final MigratorSettings settings;
  private final EventLog log;
  private final PlanExecution execution;

  public Migrator(ConnectionFactory connections, ScriptSource scripts, MigratorSettings settings, EventLog log) {
    this.connections = connections;
    this.scripts = scripts;
    this.settings = settings;
    this.log = log;
    this.execution = new PlanExecution(connections, scripts, settings, log);
  }

  public Migrator(ConnectionFactory connections, ScriptSource scripts, String changelogTable, EventLog log) {
    this(connections, scripts, MigratorSettings.defaults().withChangelogTable(changelogTable), log);
  }

  /** The same migrator, running migrations with {@code runner}'s guard, retries, timeouts and transaction mode. */
  public Migrator withRunner(RunnerSettings runner) {
    return new Migrator(connections, scripts, settings.withRunner(runner), log);
  }

  /** Told what a run is about to apply, on the run's own connection, before its first migration runs. */
  @FunctionalInterface
  public interface Preview {
    /** @param files the scripts the run applies, in order; {@code serverMajor} the server's major version */
    void pending(List<String> files, int serverMajor);
  }

  public UpgradeResult upgrade(Target target) {
    return upgrade(target, (files, serverMajor) -> { });
  }

  /** Upgrades, telling {@code preview} first what it applies (upgrade lints it, without a connection of its own). */
  public UpgradeResult upgrade(Target target, Preview preview) {
    List<MigrationInfo> known = scripts.scripts();
    return locked((session, changelog) -> {
      ChangelogState state = ChangelogState.read(scripts, known, changelog);
      ForeignSchemaGuard.refuseUnmanaged(session.connection(), changelog, state.applied(), scripts, "upgrade", log);
      List<String> problems = state.problems();
      if (settings.validate() && !problems.isEmpty()) {
        throw new ValidationFailedException("Nothing was applied: applied migrations changed since they ran"
            + " (-Dquantagent.validate=false skips this check).", problems);
      }
      MigrationPlanner planner = planner(state);
      List<MigrationInfo> plan = planner.upgrade(target);
      if (plan.isEmpty()) {
        return UpgradeResult.nothingToDo(planner.current());
      }
      new UnfinishedScripts(scripts).findings(plan, false).forEach(log::warn);
      preview.pending(plan.stream().map(scripts::filename).toList(),
          session.connection().getMetaData().getDatabaseMajorVersion());
      RunPlan run = RunPlan.of(scripts, plan, false);
      changelog.requireCreatable("Nothing was applied", "upgrade");
      // A missing changelog is created in the first migration's transaction: a first run that fails leaves nothing.
      ChangelogStart start = ChangelogStart.forUpgrade(changelog, state.applied().isEmpty());
      if (changelog.exists()) {
        changelog.createIfMissing(); // adds the checksum column to a changelog stock MyBatis made
      }
      long started = System.nanoTime();
      List<MigrationRun> runs = execution.run(session, run, false, "upgrade", start, (sql, hook) ->
          new UpOperation(plan.size()).operate(session.provider(), scripts.loader(), changelog.options(), sql, hook));
      return new UpgradeResult(runs, planner.current(), Optional.of(plan.get(plan.size() - 1)),
          BatchSender.since(started));
    });
  }

  public UpgradeResult downgrade(Target target) {
    List<MigrationInfo> known = scripts.scripts();
    return locked((session, changelog) -> {
      ChangelogState state = ChangelogState.read(scripts, known, changelog);
      ForeignSchemaGuard.refuseUnmanaged(session.connection(), changelog, state.applied(), scripts, "downgrade",
          log);
      MigrationPlanner planner = planner(state);
      List<MigrationInfo> plan = planner.downgrade(target);
      for (MigrationInfo migration : plan) {
        if (!known.contains(migration)) {
          throw new InvalidScriptException("Cannot undo " + migration + ": the changelog has it but its script is"
              + " not in " + scripts.location() + ". Restore the script, then downgrade again.");
        }
      }
      if (plan.isEmpty()) {
        return UpgradeResult.nothingToDo(planner.current());
      }
      new UnfinishedScripts(scripts).findings(plan, true).forEach(log::warn);
      RunPlan run = RunPlan.of(scripts, plan, true);
      long started = System.nanoTime();
      List<MigrationRun> runs = execution.run(session, run, true, "downgrade", ChangelogStart.NONE, (sql, hook) ->
          new DownOperation(plan.size()).operate(session.provider(), scripts.loader(), changelog.options(), sql, hook));
      List<MigrationInfo> remaining = new ArrayList<>(planner.downgrade(new Target.Base()));
      remaining.removeAll(plan);
      return new UpgradeResult(runs, planner.current(),
          remaining.isEmpty() ? Optional.empty() : Optional.of(remaining.get(0)), BatchSender.since(started));
    });
  }

  /**
   * The SQL {@link #upgrade} would run, without running it. With {@code assumedCurrent} ("base" or an id)
   * the database is not read at all; otherwise its changelog is.
   */
  public String upgradeSql(Target target, Optional<String> assumedCurrent) {
    List<MigrationInfo> known = scripts.scripts();
    MigrationPlanner planner = offlinePlanner(known, assumedCurrent);
    return new OfflineSql(scripts, settings.changelogTable(), settings.runner()).upgrade(planner.upgrade(target), planner.current());
  }

  /** The SQL {@link #downgrade} would run, without running it; see {@link #upgradeSql}. */
  public String downgradeSql(Target target, Optional<String> assumedCurrent) {
    List<MigrationInfo> known = scripts.scripts();
    MigrationPlanner planner = offlinePlanner(known, assumedCurrent);
    List<MigrationInfo> plan = planner.downgrade(target);
    List<MigrationInfo> remaining = new ArrayList<>(planner.downgrade(new Target.Base()));
    remaining.removeAll(plan);
    return new OfflineSql(scripts, settings.changelogTable(), settings.runner())
        .downgrade(plan, planner.current(), remaining.isEmpty() ? Optional.empty() : Optional.of(remaining.get(0)));
  }

  private MigrationPlanner offlinePlanner(List<MigrationInfo> known, Optional<String> assumedCurrent) {
    if (assumedCurrent.isEmpty()) {
      return unlocked((session, changelog) -> planner(ChangelogState.read(scripts, known, changelog)));
    }
    String current = assumedCurrent.get().strip();
    if (current.equalsIgnoreCase("base")) {
      return new MigrationPlanner(known, List.of());
    }
    MigrationInfo at = known.stream().filter(m -> m.idText().equals(current)).findFirst()
        .orElseThrow(() -> new InvalidTargetException("-Dquantagent.from=" + current + " names no migration: give"
            + " base or an id that mvn quantagent:history lists."));
    return new MigrationPlanner(known, known.stream().filter(m -> m.compareTo(at) <= 0).toList());
  }

  public CurrentState current() {
    List<MigrationInfo> known = scripts.scripts();
    return unlocked((session, changelog) -> {
      ChangelogState state = ChangelogState.read(scripts, known, changelog);
      MigrationPlanner planner = planner(state);
      return new CurrentState(planner.current(), state.applied().size(), planner.pending().size());
    });
  }

  /** Every migration known from the scripts or the changelog, oldest first. */
  public List<HistoryEntry> history() {
    List<MigrationInfo> known = scripts.scripts();
    return unlocked((session, changelog) -> ChangelogState.read(scripts, known, changelog).history());
  }

  /** Pending migrations, changed or missing applied scripts and unfinished scripts, for a CI gate. */
  public CheckResult check() {
    List<MigrationInfo> known = scripts.scripts();
    return unlocked((session, changelog) -> {
      ChangelogState state = ChangelogState.read(scripts, known, changelog);
      return new CheckResult(state.planner().pending(), state.passedOver(), state.problems(),
          new UnfinishedScripts(scripts).findings(known, false));
    });
  }

  /**
   * Records the database as being at {@code target} ({@code head} or an id) without running any script:
   * changelog rows with checksums, in one transaction, under the lock. Only when {@code verifier} finds the
   * live schema equal to the migrations' at that revision, unless {@code force}, which records the stamp
   * as unverified. The schema is verified under the lock too: a run that got in between would leave a verdict about
   * a schema that is no longer there.
   */
  public StampResult stamp(Target target, SchemaVerifier verifier, boolean force) {
    List<MigrationInfo> known = scripts.scripts();
    MigrationInfo revision = stampRevision(target, known);
    return locked((session, changelog) -> {
      changelog.requireStampColumns();
      changelog.requireCreatable("Nothing was stamped or compared", "stamp");
      List<String> differences = verifier.differences(revision);
      if (!differences.isEmpty() && !force) {
        throw new StampRefusedException(revision, differences);
      }
      boolean verified = differences.isEmpty();
      if (!verified) {
        log.warn("Stamping " + revision + " UNVERIFIED (-Dquantagent.force): the schema differs in "
            + differences.size() + " place" + (differences.size() == 1 ? "" : "s") + ":\n  - "
            + String.join("\n  - ", differences));
      }
      session.begin();
      changelog.createIfMissing();
      List<MigrationInfo> applied = ChangelogState.read(scripts, known, changelog).applied();
      List<MigrationInfo> recorded = new ArrayList<>();
      for (MigrationInfo migration : known) {
        if (migration.compareTo(revision) <= 0 && !applied.contains(migration)) {
          changelog.insertStamped(migration, scripts.checksum(migration), verified);
          recorded.add(migration);
        }
      }
      List<MigrationInfo> removed = new ArrayList<>();
      for (MigrationInfo migration : applied) {
        if (migration.compareTo(revision) > 0) {
          changelog.delete(migration);
          removed.add(migration);
        }
      }
      changelog.settleFirstRun();
      session.commit();
      return new StampResult(revision, recorded, removed, verified);
    });
  }

  private static MigrationInfo stampRevision(Target target, List<MigrationInfo> known) {
    if (known.isEmpty()) {
      throw new InvalidTargetException("Cannot stamp: there are no migration scripts.");
    }
    if (target instanceof Target.Head) {
      return known.get(known.size() - 1);
    }
    if (target instanceof Target.Revision revision) {
      return new MigrationPlanner(known, List.of()).find(revision.idPrefix(), "stamp");
    }
    throw new InvalidTargetException("stamp takes -Dtarget=head or -Dtarget=<id>.");
  }

  /** Records the current checksum of every applied script whose checksum differs or is missing. */
  public List<MigrationInfo> repair() {
    List<MigrationInfo> known = scripts.scripts();
    return locked((session, changelog) -> {
      session.begin();
      ChangelogState state = ChangelogState.read(scripts, known, changelog);
      if (changelog.exists()) {
        changelog.createIfMissing(); // adds the checksum column to a changelog stock MyBatis made
      }
      List<MigrationInfo> repaired = new ArrayList<>();
      for (MigrationInfo migration : state.applied()) {
        Integrity integrity = state.integrity(migration);
        if (integrity == Integrity.EDITED || integrity == Integrity.UNRECORDED) {
          changelog.recordChecksum(migration.id(), scripts.checksum(migration));
          repaired.add(migration);
        } else if (integrity == Integrity.NO_SCRIPT) {
          log.warn(migration + " has no script; repair leaves its changelog row alone. Restore the script.");
        }
      }
      session.commit();
      return repaired;
    });
  }

  private MigrationPlanner planner(ChangelogState state) {
    state.passedOver().forEach(log::warn);
    return state.planner();
  }

  /**
   * Under the run lock: one run at a time per changelog table. Refuses a transaction pooler first, behind which
   * the session lock would belong to nobody, and a server or database where nothing can be written.
   */
  private <T> T locked(SessionWork<T> work) {
    return unlocked((session, changelog) -> {
      TransactionPooler.refuse(session.connection(), session.backendPid(), connections);
      ReadOnlyServer.refuse(session);
      try (AdvisoryLock lock = AdvisoryLock.acquire(session.connection(),
          AdvisoryLock.keyFor(settings.changelogTable()), settings.lockTimeout(), log)) {
        return work.run(session, changelog);
      }
    });
  }

  private <T> T unlocked(SessionWork<T> work) {
    try (MigrationConnection session = new MigrationConnection(connections.open(), settings.changelogTable())) {
      return work.run(session, new Changelog(session.connection(), settings.changelogTable()));
    } catch (SQLException e) {
      throw new IllegalStateException("Database error: " + DriverCause.of(e), e);
    }
  }

  @FunctionalInterface
  private interface SessionWork<T> {
    T run(MigrationConnection session, Changelog changelog) throws SQLException;
  }
}
