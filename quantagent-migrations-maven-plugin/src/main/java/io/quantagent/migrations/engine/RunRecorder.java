package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.hook.HookContext;
import org.apache.ibatis.migration.hook.MigrationHook;

/**
 * Hooks into a MyBatis up or down operation: commits each migration together with its changelog row,
 * times it, and remembers which migration was running when something failed.
 */
final class RunRecorder implements MigrationHook {
  private final MigrationConnection session;
  private final EventLog log;
  private final String verb;
  private final List<MigrationRun> runs = new ArrayList<>();
  private MigrationInfo running;
  private String runningFile;
  private long startedNanos;

  RunRecorder(MigrationConnection session, EventLog log, String verb) {
    this.session = session;
    this.log = log;
    this.verb = verb;
  }

  @Override
  public void before(Map<String, Object> bindingMap) {}

  @Override
  public void beforeEach(Map<String, Object> bindingMap) {
    Change change = ((HookContext) bindingMap.get(HOOK_CONTEXT)).getChange();
    running = MigrationInfo.of(change);
    runningFile = change.getFilename();
    startedNanos = System.nanoTime();
  }

  @Override
  public void afterEach(Map<String, Object> bindingMap) {
    try {
      session.commit();
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
}
