package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.ScriptCreator;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Writes a new migration script from a template: {@code mvn quantagent:create -Ddesc="add risk level"}. Needs no database. */
@Mojo(name = "create", threadSafe = true)
public class CreateMojo extends AbstractQuantagentMojo {

  /** What the migration does; it becomes the script's header and, as a slug, its file name. */
  @Parameter(property = PropertyKeys.DESC)
  private String desc;

  @Override
  protected void run() {
    Path script = new ScriptCreator(scriptsDirectory(), Clock.systemUTC()).create(desc);
    getLog().info("Created " + script);
    getLog().info("Write the change above '-- //@UNDO' and its reversal below it, then run mvn quantagent:upgrade.");
  }
}
