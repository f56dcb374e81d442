package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
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

  @Override
  protected final boolean needsDatabase() {
    return sql == null || from == null;
  }

  @Override
  protected final void checkInputs() {
    parseTarget();
  }

  @Override
  protected final void run(GoalContext context) {
    Migrator migrator = context.migrator();
    if (sql != null) {
      OfflineSqlFile.write(sql, offlineSql(migrator, Optional.ofNullable(from)), getLog());
    } else {
      beforeMigrate(context);
      migrate(migrator);
    }
  }

  /** What a goal does with the database before it migrates (upgrade: lint the pending scripts). */
  protected void beforeMigrate(GoalContext context) {}

  /** Parses {@code -Dtarget}: a bad target fails here, before any database is opened. */
  protected abstract Target parseTarget();

  protected abstract void migrate(Migrator migrator);

  protected abstract String offlineSql(Migrator migrator, Optional<String> assumedCurrent);
}
