package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.schema.SchemaDifference;
import io.quantagent.migrations.schema.ModelCheck;
import io.quantagent.migrations.schema.ModelSchema;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares the live database with the schema the migrations build up to its current revision, and prints
 * the differences grouped by kind of object, or that there is no drift. With a {@code <model>}, compares the model
 * with what the migrations build at head instead, and needs no database. Changes nothing; exit 0.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractDatabaseMojo {

  /** {@code text} (log lines) or {@code json} (one document on standard output; use with {@code mvn -q}). */
  @Parameter(property = PropertyKeys.FORMAT, defaultValue = "text")
  private String format;

  /** Compare this model (plain PostgreSQL DDL) with the migrations at head, instead of the live database. */
  @Parameter(property = PropertyKeys.MODEL)
  private File model;

  @Override
  protected void checkInputs() throws MojoFailureException {
    OutputFormat.parse(format);
    if (model != null) {
      ModelSchema.of(model.toPath());
    }
  }

  @Override
  protected boolean needsDatabase() {
    return model == null;
  }

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    if (model != null) {
      ModelSchema declared = ModelSchema.of(model.toPath());
      ModelCheck.Comparison comparison = context.models().compare(declared, embeddedMajor());
      if (OutputFormat.parse(format) == OutputFormat.JSON) {
        OutputFormat.printDocument(JsonText.modelDiff(declared.toString(), comparison));
      } else {
        ModelText.lines(declared, comparison).forEach(getLog()::info);
      }
      return;
    }
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
