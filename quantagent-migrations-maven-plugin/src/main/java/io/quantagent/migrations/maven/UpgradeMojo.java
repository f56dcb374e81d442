package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.Target;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies pending migrations: {@code mvn quantagent:upgrade [-Dtarget=head|+N|<id>]}. */
@Mojo(name = "upgrade", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class UpgradeMojo extends AbstractMigrateMojo {

  /** {@code head} (all pending), {@code +N} (the next N pending) or a migration id (up to and including it). */
  @Parameter(property = PropertyKeys.TARGET, defaultValue = "head")
  private String target;

  /** Prints lint's findings in the pending scripts as warnings before applying them; {@code false} leaves them out. */
  @Parameter(property = PropertyKeys.LINT, defaultValue = "true")
  private boolean lint;

  @Override
  protected Target parseTarget() {
    return Target.parseUpgrade(target);
  }

  @Override
  protected void migrate(Migrator migrator, GoalContext context) {
    Migrator.Preview lintPending = lint ? new PendingLint(getLog(), new LintLines(getLog(), scriptsDirectory(),
        workingDirectory()), runnerGuardsLocks(), context.scripts()) : (files, serverMajor) -> { };
    getLog().info(ResultText.upgrade(migrator.upgrade(parseTarget(), lintPending)));
  }

  @Override
  protected String offlineSql(Migrator migrator, Optional<String> assumedCurrent) {
    return migrator.upgradeSql(parseTarget(), assumedCurrent);
  }
}
