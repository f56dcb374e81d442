package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.HistoryEntry;
import io.quantagent.migrations.engine.Migrator;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Lists every migration from the scripts and the changelog: id, applied at or pending, checksum, description. */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends AbstractDatabaseMojo {

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
    List<HistoryEntry> history = migrator.history();
    if (output == OutputFormat.JSON) {
      OutputFormat.printDocument(JsonText.history(history));
    } else {
      getLog().info(ResultText.history(history));
    }
  }
}
