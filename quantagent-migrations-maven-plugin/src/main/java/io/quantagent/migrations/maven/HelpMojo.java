package io.quantagent.migrations.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the plugin's goals: {@code mvn quantagent:help}; a goal's parameters with {@code -Ddetail -Dgoal=upgrade}.
 * Its text is the product, so with {@code -q} (which silences Maven's info lines) it goes to standard output, as
 * {@code help:evaluate -q -DforceStdout} does.
 */
@Mojo(name = "help", requiresProject = false, threadSafe = true)
public class HelpMojo extends AbstractMojo {

  /** Also list each goal's parameters, with their user property and default. */
  @Parameter(property = "detail", defaultValue = "false")
  private boolean detail;

  /** Only this goal, e.g. {@code upgrade}. */
  @Parameter(property = "goal")
  private String goal;

  /** The width lines are wrapped at. */
  @Parameter(property = "lineLength", defaultValue = "80")
  private int lineLength;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Override
  public void execute() {
    String text = new HelpText(plugin, lineLength).text(goal, detail);
    if (getLog().isInfoEnabled()) {
      getLog().info(text);
    } else {
      System.out.print(text);
      System.out.flush();
    }
  }
}
