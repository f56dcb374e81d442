package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UpgradeResult;
import java.io.File;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Undoes applied migrations: {@code mvn quantagent:downgrade [-Dtarget=-1|-N|base|<id>]}. */
@Mojo(name = "downgrade", threadSafe = true)
public class DowngradeMojo extends AbstractDatabaseMojo {

  /** {@code -N} (the last N applied), {@code base} (all) or a migration id (down to it; it stays applied). */
  @Parameter(property = PropertyKeys.TARGET, defaultValue = "-1")
  private String target;

  /** Writes the SQL that would run into this file instead of running it; the database is not changed. */
  @Parameter(property = PropertyKeys.SQL)
  private File sql;

  /** With {@code sql}: the migration (an id) the database is at, so that none is needed. */
  @Parameter(property = PropertyKeys.FROM)
  private String from;

  @Override
  protected boolean needsDatabase() {
    return sql == null || from == null;
  }

  @Override
  protected void run(Migrator migrator) {
    if (sql != null) {
      OfflineSqlFile.write(sql, migrator.downgradeSql(Target.parseDowngrade(target), Optional.ofNullable(from)), getLog());
      return;
    }
    UpgradeResult result = migrator.downgrade(Target.parseDowngrade(target));
    getLog().info(ResultText.downgrade(result));
  }
}
