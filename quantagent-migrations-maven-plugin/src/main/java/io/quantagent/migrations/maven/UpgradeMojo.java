package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UpgradeResult;
import java.io.File;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies pending migrations: {@code mvn quantagent:upgrade [-Dtarget=head|+N|<id>]}. */
@Mojo(name = "upgrade", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class UpgradeMojo extends AbstractDatabaseMojo {

  /** {@code head} (all pending), {@code +N} (the next N pending) or a migration id (up to and including it). */
  @Parameter(property = PropertyKeys.TARGET, defaultValue = "head")
  private String target;

  /** Writes the SQL that would run into this file instead of running it; the database is not changed. */
  @Parameter(property = PropertyKeys.SQL)
  private File sql;

  /** With {@code sql}: the migration ({@code base} or an id) the database is at, so that none is needed. */
  @Parameter(property = PropertyKeys.FROM)
  private String from;

  @Override
  protected boolean needsDatabase() {
    return sql == null || from == null;
  }

  @Override
  protected void run(Migrator migrator) {
    if (sql != null) {
      OfflineSqlFile.write(sql, migrator.upgradeSql(Target.parseUpgrade(target), Optional.ofNullable(from)), getLog());
      return;
    }
    UpgradeResult result = migrator.upgrade(Target.parseUpgrade(target));
    getLog().info(ResultText.upgrade(result));
  }
}
