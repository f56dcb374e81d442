package io.quantagent.migrations.maven;

import io.quantagent.migrations.setup.DatabaseSetup;
import io.quantagent.migrations.setup.PropertyPrompts;
import io.quantagent.migrations.setup.Prompts;
import io.quantagent.migrations.setup.SetupException;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.codehaus.plexus.components.interactivity.Prompter;

/**
 * Guided setup, as {@code python setup_postgres.py} was: the embedded development database, or a PostgreSQL server
 * whose host, port, user, password and database it asks for, connects to (offering to create a missing database)
 * and saves as {@code DATABASE_URL} in {@code .env}; then shows where that database stands, as {@code current} does.
 * With {@code mvn -B}, the answers come from {@code -Dquantagent.setup.host}, {@code .port}, {@code .user},
 * {@code .password} (or {@code PGPASSWORD}), {@code .database}, {@code .createDatabase} and {@code .embedded}; an
 * existing {@code DATABASE_URL} is replaced only with {@code -Dquantagent.force}.
 */
@Mojo(name = "setup", threadSafe = true)
public class SetupMojo extends AbstractDatabaseMojo {

  @Component
  private Prompter prompter;

  /**
   * The answers are this goal's inputs, and they must be saved before the connection is resolved: what follows is
   * then exactly {@code current} on the settings just written.
   */
  @Override
  protected void checkInputs() throws MojoFailureException {
    try {
      new DatabaseSetup(workingDirectory(), prompts(), System.getenv()).run();
    } catch (SetupException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (session().getUserProperties().getProperty(PropertyKeys.URL) != null) {
      getLog().warn("-Dquantagent.url is given and wins over .env for this run and every run it is given to.");
    }
  }

  private Prompts prompts() {
    if (session().getRequest().isInteractiveMode()) {
      return new MavenPrompts(prompter, System.console(), getLog());
    }
    Map<String, String> properties = new HashMap<>();
    session().getUserProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
    return new PropertyPrompts(properties, System.getenv(), getLog()::info);
  }

  @Override
  protected void run(GoalContext context) {
    ResultText.current(context.migrator().current()).forEach(getLog()::info);
  }
}
