package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists every migration from the scripts and the changelog: id, applied at or pending, description. */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends AbstractDatabaseMojo {

  @Override
  protected void run(Migrator migrator) {
    ResultText.history(migrator.history()).forEach(getLog()::info);
  }
}
