package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.hook.HookContext;
import org.apache.ibatis.migration.hook.MigrationHook;

/**
 * Hooks into a MyBatis up or down operation: commits each migration together with its changelog row (and
 * checksum), times it, runs a script marked {@code -- quantagent:no-transaction} outside a transaction,
 * and remembers which migration was running when something failed.
 */
final class RunRecorder implements MigrationHook {
  static final Pattern NO_TRANSACTION = Pattern.compile("(?mi)^\\s*--\\s*quantagent:no-transaction\\s*$");

  /** Work done in a migration's transaction, after its changelog row is written and before the commit. */
  @FunctionalInterface
  interface BeforeCommit {
    void run(MigrationInfo migration) throws SQLException;
  }

  private final MigrationConnection session;
  private final ScriptSource source;
  private final EventLog log;
  private final String verb;
  private final BeforeCommit beforeCommit;
  private final List<MigrationRun> runs = new ArrayList<>();
  private MigrationInfo running;
  private String runningFile;
  private long startedNanos;

  RunRecorder(MigrationConnection session, ScriptSource source, EventLog log, String verb, BeforeCommit beforeCommit) {
    this.session = session;
    this.source = source;
    this.log = log;
    this.verb = verb;
    this.beforeCommit = beforeCommit;
  }

  @Override
  public void before(Map<String, Object> bindingMap) {}

  @Override
  public void beforeEach(Map<String, Object> bindingMap) {
    Change change = ((HookContext) bindingMap.get(HOOK_CONTEXT)).getChange();
    running = MigrationInfo.of(change);
    runningFile = change.getFilename();
    if (NO_TRANSACTION.matcher(source.loader().text(runningFile)).find()) {
      log.warn(runningFile + " is marked -- quantagent:no-transaction: its statements commit one by one.");
      setAutoCommit(true);
    }
    startedNanos = System.nanoTime();
  }

  @Override
  public void afterEach(Map<String, Object> bindingMap) {
    try {
      beforeCommit.run(running);
      session.commit();
      setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not commit " + running + ": " + e.getMessage(), e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    runs.add(new MigrationRun(running, took));
    log.info(verb + " " + running + " in " + took.toMillis() + " ms");
    running = null;
    runningFile = null;
  }

  @Override
  public void after(Map<String, Object> bindingMap) {}

  List<MigrationRun> runs() {
    return List.copyOf(runs);
  }

  /** The migration that was running when the operation failed, if any. */
  Optional<MigrationInfo> failed() {
    return Optional.ofNullable(running);
  }

  Optional<String> failedFile() {
    return Optional.ofNullable(runningFile);
  }

  private void setAutoCommit(boolean autoCommit) {
    try {
      session.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not switch auto-commit for " + running + ": " + e.getMessage(), e);
    }
  }
}
