package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.MigrationInfo;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * After a deliberate edit of an applied script, records its new checksum (and a checksum for rows that have
 * none) so that upgrade and check accept it. Runs no script.
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractDatabaseMojo {

  @Override
  protected void run(GoalContext context) {
    List<MigrationInfo> repaired = context.migrator().repair();
    if (repaired.isEmpty()) {
      getLog().info("Nothing to repair: every applied script matches its recorded checksum.");
      return;
    }
    repaired.forEach(migration -> getLog().info("Recorded the current checksum of " + migration));
    getLog().info("Repaired " + repaired.size() + " changelog row" + (repaired.size() == 1 ? "" : "s") + ".");
  }
}
