package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.Target;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Undoes applied migrations: {@code mvn quantagent:downgrade [-Dtarget=-1|-N|base|<id>]}. */
@Mojo(name = "downgrade", threadSafe = true)
public class DowngradeMojo extends AbstractMigrateMojo {

  /** {@code -N} (the last N applied), {@code base} (all) or a migration id (down to it; it stays applied). */
  @Parameter(property = PropertyKeys.TARGET, defaultValue = "-1")
  private String target;

  @Override
  protected Target parseTarget() {
    return Target.parseDowngrade(target);
  }

  @Override
  protected void migrate(Migrator migrator, GoalContext context) {
    getLog().info(ResultText.downgrade(migrator.downgrade(parseTarget())));
  }

  @Override
  protected String offlineSql(Migrator migrator, Optional<String> assumedCurrent) {
    return migrator.downgradeSql(parseTarget(), assumedCurrent);
  }
}
