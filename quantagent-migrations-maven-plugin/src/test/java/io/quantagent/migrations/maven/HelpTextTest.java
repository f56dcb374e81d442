package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin descriptor this build generated (process-classes runs before the tests), as users' Maven reads it. */
class HelpTextTest {
  private static PluginDescriptor plugin;
  private static List<String> goals;

  @BeforeAll
  static void readTheGeneratedDescriptor() throws Exception {
    try (Reader xml = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
      plugin = new PluginDescriptorBuilder().build(xml);
    }
    goals = plugin.getMojos().stream().map(MojoDescriptor::getGoal).sorted().toList();
  }

  @Test
  void thePluginDescriptionNamesEveryGoal() {
    for (String goal : goals) {
      assertTrue(Pattern.compile("\\b" + goal + "\\b").matcher(plugin.getDescription()).find(),
          "the plugin's <description> in its pom.xml does not name the goal " + goal);
    }
  }

  @Test
  void listsEveryGoal() {
    String text = new HelpText(plugin, 80).text(null, false);
    assertTrue(text.contains("This plugin has " + goals.size() + " goals:"), text);
    for (String goal : goals) {
      assertTrue(text.contains("\nquantagent:" + goal + "\n"), goal + " missing from\n" + text);
    }
    assertTrue(text.contains("mvn quantagent:help -Ddetail -Dgoal=<goal> shows a goal's parameters."), text);
  }

  @Test
  void detailShowsAGoalsParametersWithTheirProperties() {
    String text = new HelpText(plugin, 80).text("upgrade", true);
    assertFalse(text.contains("quantagent:downgrade\n"), text);
    assertTrue(text.contains("    target (Default: head)\n"), text);
    assertTrue(text.contains("      User property: target\n"), text);
    assertTrue(text.contains("    password\n"), text);
    assertTrue(text.contains("      User property: quantagent.password\n"), text);
    assertFalse(text.contains("    project"), "read-only parameters are no user's business:\n" + text);
  }

  /**
   * Unset, the run's lock timeout gives way to a stricter lock_timeout of the session's own; a user's 2s does not. A
   * default in the descriptor would make the two look the same to the run.
   */
  @Test
  void theStatementLockTimeoutOfUpgradeAndDowngradeHasNoDefaultSoThatTheRunCanTellUnsetFromTwoSeconds() {
    for (String goal : List.of("upgrade", "downgrade")) {
      assertNull(plugin.getMojo(goal).getParameterMap().get("statementLockTimeout").getDefaultValue(), goal);
      String text = new HelpText(plugin, 120).text(goal, true);
      assertTrue(text.contains("    statementLockTimeout\n"), text);
      assertTrue(text.contains("the session's own lock_timeout"), text);
    }
  }

  @Test
  void anUnknownGoalListsTheRealOnes() {
    String text = new HelpText(plugin, 80).text("migrate", false);
    assertTrue(text.contains("This plugin has no goal migrate; its goals are " + String.join(", ", goals) + "."), text);
  }

  @Test
  void wrapsAtTheLineLength() {
    for (String line : new HelpText(plugin, 60).text(null, true).split("\n")) {
      assertTrue(line.length() <= 60 || line.contains("(Default: ") || !line.strip().contains(" "), line);
    }
  }

  /** A goal's help opens with the plugin's description and the goal's own, each word-wrapped at its indent. */
  @Test
  void aGoalsHelpShowsThePluginsAndTheGoalsDescriptionsAtTheirIndent() {
    String text = new HelpText(plugin, 80).text("upgrade", false);
    String[] plugins = plugin.getDescription().strip().split("\\s+");
    String[] upgrades = plugin.getMojo("upgrade").getDescription().strip().split("\\s+");
    assertTrue(text.startsWith(plugin.getName() + " " + plugin.getVersion() + "\n  " + plugins[0] + " " + plugins[1]
        + " "), text);
    assertTrue(text.contains("\nquantagent:upgrade\n  " + upgrades[0] + " " + upgrades[1] + " "), text);
    assertFalse(text.contains("This plugin has"), "one goal asked for is not a list of goals:\n" + text);
  }
}
