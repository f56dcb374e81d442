package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.RunnerSettings;
import io.quantagent.migrations.engine.Target;
import java.io.File;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code upgrade} and {@code downgrade}: they run migrations, or with {@code quantagent.sql} only write them down. */
public abstract class AbstractMigrateMojo extends AbstractDatabaseMojo {

  /** Writes the SQL that would run into this file instead of running it; the database is not changed. */
  @Parameter(property = PropertyKeys.SQL)
  private File sql;

  /**
   * With {@code sql}: the migration the database is at ({@code base} or an id), so that no database is
   * needed at all; without it, the changelog is read.
   */
  @Parameter(property = PropertyKeys.FROM)
  private String from;

  /**
   * How long one statement of a migration may wait for a lock (e.g. {@code 2s}, {@code 500ms}; {@code 0} or
   * {@code off}: forever) before the migration is rolled back and tried again, so that it never queues writers
   * behind it for longer. A script's {@code -- quantagent:lock-timeout 30s} line wins for that script. Unset, it is
   * {@code 2s}, or the session's own lock_timeout (a role's or database's {@code ALTER ... SET}, postgresql.conf)
   * where that is shorter: no default of ours loosens a DBA's limit.
   */
  // No defaultValue: null tells the run that the user set none (RunnerSettings.parse).
  @Parameter(property = PropertyKeys.STATEMENT_LOCK_TIMEOUT)
  private String statementLockTimeout;

  /** How many times a migration is tried when its statements keep timing out on locks (waits of 1, 2, 4... s). */
  @Parameter(property = PropertyKeys.STATEMENT_LOCK_ATTEMPTS, defaultValue = RunnerSettings.DEFAULT_LOCK_ATTEMPTS)
  private int statementLockAttempts;

  /**
   * The longest one statement may run (e.g. {@code 10min}; {@code off}: no limit). A script's
   * {@code -- quantagent:statement-timeout} line wins for that script.
   */
  @Parameter(property = PropertyKeys.STATEMENT_TIMEOUT, defaultValue = RunnerSettings.DEFAULT_STATEMENT_TIMEOUT)
  private String statementTimeout;

  /**
   * {@code each}: one transaction per migration; {@code all}: every pending migration in one transaction, all or
   * nothing (a {@code -- quantagent:no-transaction} script commits what ran before it and runs alone).
   */
  @Parameter(property = PropertyKeys.TRANSACTION, defaultValue = RunnerSettings.DEFAULT_TRANSACTION)
  private String transaction;

  @Override
  protected final boolean needsDatabase() {
    return sql == null || from == null;
  }

  @Override
  protected final void checkInputs() {
    parseTarget();
    runnerSettings();
  }

  @Override
  protected final void run(GoalContext context) {
    Migrator migrator = context.migrator().withRunner(runnerSettings());
    if (sql != null) {
      OfflineSqlFile.write(sql, offlineSql(migrator, Optional.ofNullable(from)), getLog());
    } else {
      migrate(migrator, context);
    }
  }

  /** Whether the runner puts a lock timeout on each statement (lint asks scripts for one only when it does not). */
  protected boolean runnerGuardsLocks() {
    return RunnerSettings.guardsLocks(statementLockTimeout);
  }

  private RunnerSettings runnerSettings() {
    return RunnerSettings.parse(statementLockTimeout, statementLockAttempts, statementTimeout, transaction);
  }

  /** Parses {@code -Dtarget}: a bad target fails here, before any database is opened. */
  protected abstract Target parseTarget();

  protected abstract void migrate(Migrator migrator, GoalContext context);

  protected abstract String offlineSql(Migrator migrator, Optional<String> assumedCurrent);
}
