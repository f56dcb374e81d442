package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UpgradeResult;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies pending migrations: {@code mvn quantagent:upgrade [-Dtarget=head|+N|<id>]}. */
@Mojo(name = "upgrade", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class UpgradeMojo extends AbstractDatabaseMojo {

  /** {@code head} (all pending), {@code +N} (the next N pending) or a migration id (up to and including it). */
  @Parameter(property = PropertyKeys.TARGET, defaultValue = "head")
  private String target;

  @Override
  protected void run(Migrator migrator) {
    UpgradeResult result = migrator.upgrade(Target.parseUpgrade(target));
    getLog().info(ResultText.upgrade(result));
  }
}
