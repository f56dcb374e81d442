package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.schema.SchemaDifference;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares the live database with the schema the migrations build up to its current revision, and prints
 * the differences grouped by kind of object, or that there is no drift. Changes nothing; exit 0.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractDatabaseMojo {

  /** {@code text} (log lines) or {@code json} (one document on standard output; use with {@code mvn -q}). */
  @Parameter(property = PropertyKeys.FORMAT, defaultValue = "text")
  private String format;

  @Override
  protected void checkInputs() throws MojoFailureException {
    OutputFormat.parse(format);
  }

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    Migrator migrator = context.migrator();
    OutputFormat output = OutputFormat.parse(format);
    var revision = migrator.current().current();
    List<MigrationInfo> pending = migrator.check().pending();
    List<SchemaDifference> differences = context.driftCheck().compare(revision);
    if (output == OutputFormat.JSON) {
      OutputFormat.printDocument(JsonText.diff(revision, pending, differences));
    } else {
      DriftText.lines(revision, pending, differences).forEach(getLog()::info);
    }
  }
}
