package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.hook.HookContext;
import org.apache.ibatis.migration.hook.MigrationHook;

/**
 * Hooks into a MyBatis up or down operation. MyBatis walks the migrations; for each one this collects what MyBatis
 * would execute (the script section and its changelog insert or delete, through {@link MigrationConnection}), hands
 * it to the {@link MigrationRunner} when MyBatis is done with the migration, says what runs and how long it took,
 * and remembers which migration was running when something failed.
 */
final class RunRecorder implements MigrationHook, MigrationConnection.Collector, MigrationRunner.Progress {
  private final RunPlan plan;
  private final ScriptSource source;
  private final MigrationRunner runner;
  private final String changelogTable;
  private final EventLog log;
  private final boolean undo;
  private final List<MigrationRun> runs = new ArrayList<>(); // appended by the sender, read after it stopped
  private PlannedMigration running;
  private Optional<String> changelogRow;

  RunRecorder(RunPlan plan, ScriptSource source, MigrationRunner runner, String changelogTable, boolean undo,
      EventLog log) {
    this.plan = plan;
    this.source = source;
    this.runner = runner;
    this.changelogTable = changelogTable;
    this.undo = undo;
    this.log = log;
  }

  @Override
  public void before(Map<String, Object> bindingMap) {}

  @Override
  public void beforeEach(Map<String, Object> bindingMap) {
    Change change = ((HookContext) bindingMap.get(HOOK_CONTEXT)).getChange();
    running = plan.get(MigrationInfo.of(change));
    changelogRow = Optional.empty();
  }

  @Override
  public void section(String script) {
    // MyBatis hands over the section the loader cut once and keeps (ScriptFolderLoader): the one the plan was split
    // from, whose statements the batch runs.
  }

  @Override
  public void changelogInsert(BigDecimal id, String appliedAt, String description) {
    changelogRow = Optional.of("INSERT INTO " + changelogTable + " (id, applied_at, description, checksum) VALUES ("
        + id.toPlainString() + ", " + literal(appliedAt) + ", " + literal(description) + ", "
        + literal(source.checksum(running.migration())) + ")");
  }

  @Override
  public void changelogDelete(BigDecimal id) {
    changelogRow = Optional.of("DELETE FROM " + changelogTable + " WHERE id = " + id.toPlainString());
  }

  @Override
  public void afterEach(Map<String, Object> bindingMap) {
    runner.apply(running, changelogRow, this);
    running = null;
  }

  @Override
  public void sending(PlannedMigration migration) {
    log.info((undo ? "Undoing " : "Applying ") + migration.migration() + " ..." + overrides(migration.directives()));
  }

  @Override
  public void applied(PlannedMigration migration, Duration took, int sentWith, boolean uncommitted) {
    synchronized (runs) {
      runs.add(new MigrationRun(migration.migration(), took.dividedBy(sentWith)));
    }
    log.info((undo ? "Undid " : "Applied ") + migration.migration() + " in " + took.dividedBy(sentWith).toMillis()
        + " ms" + (sentWith == 1 ? "" : " (" + sentWith + " sent together in " + took.toMillis() + " ms)")
        + (uncommitted ? " (commits with the rest of the run)" : ""));
  }

  @Override
  public void after(Map<String, Object> bindingMap) {}

  /** Migrations this run applied (or undid) and committed. */
  List<MigrationRun> runs() {
    synchronized (runs) {
      return List.copyOf(runs.subList(0, runs.size() - Math.min(runs.size(), runner.uncommitted())));
    }
  }

  /** Migrations that ran in the transaction still open when the run failed ({@code all} mode): rolled back. */
  List<MigrationRun> rolledBack() {
    synchronized (runs) {
      return List.copyOf(runs.subList(runs.size() - Math.min(runs.size(), runner.uncommitted()), runs.size()));
    }
  }

  /** Every migration of the run, in the order it runs them. */
  List<PlannedMigration> planned() {
    return plan.migrations();
  }

  /** The migration that was running when the operation failed, if any. */
  Optional<PlannedMigration> failed() {
    return Optional.ofNullable(running);
  }

  boolean undo() {
    return undo;
  }

  /** What the script's header changes, so that a long wait or a cancel is no surprise. */
  private static String overrides(ScriptDirectives directives) {
    List<String> set = new ArrayList<>();
    directives.lockTimeout().ifPresent(d -> set.add("lock timeout " + DurationSetting.show(d)));
    directives.statementTimeout().ifPresent(d -> set.add("statement timeout " + DurationSetting.show(d)));
    return set.isEmpty() ? "" : " (" + String.join(", ", set) + ": from its header)";
  }

  /** A string literal that reads the same whatever standard_conforming_strings says. */
  private static String literal(String text) {
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
