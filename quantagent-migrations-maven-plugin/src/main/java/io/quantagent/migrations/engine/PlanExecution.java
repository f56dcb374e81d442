package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.events.EventLog;
import java.io.PrintStream;
import java.util.List;

/**
 * One upgrade or downgrade pass over a plan: MyBatis' operation walks the scripts, {@link MigrationRunner} sends each
 * migration as one batch, and a failure becomes a message that says what is and is not applied.
 */
final class PlanExecution {
  /** The MyBatis operation that drives the pass. */
  @FunctionalInterface
  interface Operation {
    void run(PrintStream sql, RunRecorder hook);
  }

  private final ConnectionFactory connections;
  private final ScriptSource scripts;
  private final MigratorSettings settings;
  private final EventLog log;

  PlanExecution(ConnectionFactory connections, ScriptSource scripts, MigratorSettings settings, EventLog log) {
    this.connections = connections;
    this.scripts = scripts;
    this.settings = settings;
    this.log = log;
  }

  /** Runs the plan through {@code operation}, one batch per migration; see {@link MigrationRunner}. */
  List<MigrationRun> run(MigrationConnection session, RunPlan plan, boolean undo, String goal,
      ChangelogStart changelogStart, Operation operation) {
    RunnerSettings runner = settings.runner();
    if (runner.transaction() == TransactionMode.ALL && plan.size() > 1) {
      boolean split = plan.migrations().stream().anyMatch(m -> m.directives().noTransaction());
      log.info("The " + plan.size() + " migrations run in one transaction (-Dquantagent.transaction=all): all or"
          + " nothing" + (split ? ", except that a -- quantagent:no-transaction script commits what ran before it"
          + " and runs alone" : "") + ".");
    }
    try (MigrationRunner migrations = new MigrationRunner(session, runner, plan.size(), connections, log)) {
      migrations.startChangelog(changelogStart);
      RunRecorder recorder = new RunRecorder(plan, scripts, migrations, settings.changelogTable(), undo, log);
      session.collectInto(recorder);
      try (PrintStream sql = LogPrintStream.debug(log)) {
        operation.run(sql, recorder);
        migrations.finish();
      } catch (RuntimeException e) {
        migrations.abort();
        throw ScriptFailure.explain(e, recorder, migrations.durable(), scripts.location(), goal,
            new TimeLimitAdvice(runner, migrations.lockLimit(),
                cancelWording -> ServerTimeouts.read(connections, cancelWording)));
      }
      return recorder.runs();
    }
  }
}
