package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the migration the database is at, or that it is at base, and how many are pending. */
@Mojo(name = "current", threadSafe = true)
public class CurrentMojo extends AbstractDatabaseMojo {

  @Override
  protected void run(Migrator migrator) {
    ResultText.current(migrator.current()).forEach(getLog()::info);
  }
}
