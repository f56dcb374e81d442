package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CurrentState;
import io.quantagent.migrations.engine.Migrator;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints the migration the database is at, or that it is at base, and how many are pending. */
@Mojo(name = "current", threadSafe = true)
public class CurrentMojo extends AbstractDatabaseMojo {

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
    CurrentState state = migrator.current();
    if (output == OutputFormat.JSON) {
      OutputFormat.printDocument(JsonText.current(state));
    } else {
      ResultText.current(state).forEach(getLog()::info);
    }
  }
}
