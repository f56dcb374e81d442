package io.quantagent.migrations.maven;

import java.util.Comparator;
import java.util.List;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/** The help goal's text, from the plugin's own descriptor, so that it lists every goal and parameter there is. */
final class HelpText {
  private final PluginDescriptor plugin;
  private final int width;

  HelpText(PluginDescriptor plugin, int width) {
    this.plugin = plugin;
    this.width = Math.max(width, 40);
  }

  /** Every goal, or only {@code goal} when given; with {@code detail}, each goal's parameters too. */
  String text(String goal, boolean detail) {
    List<MojoDescriptor> goals = plugin.getMojos().stream()
        .filter(mojo -> goal == null || goal.isBlank() || mojo.getGoal().equals(goal.strip()))
        .sorted(Comparator.comparing(MojoDescriptor::getGoal))
        .toList();
    StringBuilder text = new StringBuilder(plugin.getName()).append(' ').append(plugin.getVersion()).append('\n');
    wrap(text, plugin.getDescription(), 2);
    text.append('\n');
    if (goals.isEmpty()) {
      text.append("This plugin has no goal ").append(goal.strip()).append("; its goals are ")
          .append(String.join(", ", plugin.getMojos().stream().map(MojoDescriptor::getGoal).sorted().toList()))
          .append(".\n");
      return text.toString();
    }
    if (goal == null || goal.isBlank()) {
      text.append("This plugin has ").append(goals.size()).append(" goals:\n\n");
    }
    for (MojoDescriptor mojo : goals) {
      text.append(plugin.getGoalPrefix()).append(':').append(mojo.getGoal()).append('\n');
      wrap(text, mojo.getDescription(), 2);
      if (detail) {
        parameters(text, mojo);
      }
      text.append('\n');
    }
    if (!detail) {
      text.append("mvn ").append(plugin.getGoalPrefix()).append(":help -Ddetail -Dgoal=<goal> shows a goal's"
          + " parameters.\n");
    }
    return text.toString();
  }

  private void parameters(StringBuilder text, MojoDescriptor mojo) {
    List<Parameter> parameters = mojo.getParameters() == null ? List.of() : mojo.getParameters().stream()
        .filter(Parameter::isEditable)
        .sorted(Comparator.comparing(Parameter::getName))
        .toList();
    if (parameters.isEmpty()) {
      return;
    }
    text.append("\n  Available parameters:\n\n");
    for (Parameter parameter : parameters) {
      text.append("    ").append(parameter.getName());
      if (parameter.getDefaultValue() != null) {
        text.append(" (Default: ").append(parameter.getDefaultValue()).append(')');
      }
      text.append('\n');
      wrap(text, parameter.getDescription(), 6);
      UserProperty.of(parameter).ifPresent(property -> text.append("      User property: ").append(property)
          .append('\n'));
      text.append('\n');
    }
  }

  /** Appends {@code paragraph} word-wrapped at the width, each line indented. */
  private void wrap(StringBuilder text, String paragraph, int indent) {
    if (paragraph == null || paragraph.isBlank()) {
      return;
    }
    String margin = " ".repeat(indent);
    StringBuilder line = new StringBuilder(margin);
    for (String word : paragraph.strip().split("\\s+")) {
      if (line.length() > indent && line.length() + 1 + word.length() > width) {
        text.append(line).append('\n');
        line = new StringBuilder(margin);
      }
      line.append(line.length() > indent ? " " : "").append(word);
    }
    text.append(line).append('\n');
  }
}
