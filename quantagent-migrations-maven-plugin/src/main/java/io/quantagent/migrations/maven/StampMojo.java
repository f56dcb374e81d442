package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.StampResult;
import io.quantagent.migrations.engine.Target;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records the database as being at a migration without running any script, after checking that its schema
 * is what the migrations build up to it: {@code mvn quantagent:stamp -Dtarget=head}. Adopts a database
 * Alembic built; leaves {@code alembic_version} where it is.
 */
@Mojo(name = "stamp", threadSafe = true)
public class StampMojo extends AbstractDatabaseMojo {

  /** {@code head} or the id of the migration the database's schema matches. */
  @Parameter(property = PropertyKeys.TARGET, defaultValue = "head")
  private String target;

  /** Stamps even when the schema differs, and records the stamp as unverified. */
  @Parameter(property = PropertyKeys.FORCE, defaultValue = "false")
  private boolean force;

  @Override
  protected void checkInputs() {
    Target.parseStamp(target);
  }

  @Override
  protected void run(GoalContext context) {
    StampResult result = context.migrator().stamp(Target.parseStamp(target), context.driftCheck(), force);
    result.removed().forEach(m -> getLog().info("Unrecorded " + m + " (above the stamp)"));
    getLog().info("Stamped " + result.revision() + (result.verified() ? ": the schema matches; " : ": UNVERIFIED; ")
        + result.recorded().size() + " migration" + (result.recorded().size() == 1 ? "" : "s")
        + " recorded as applied without running " + (result.recorded().size() == 1 ? "it" : "them")
        + (result.recorded().isEmpty() ? "." : " (" + result.recorded().get(0).idText() + " .. "
        + result.recorded().get(result.recorded().size() - 1).idText() + ")."));
  }
}
