package io.quantagent.migrations.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * A parameter that may hold a secret (a password, a URL with one). Maven's debug output ({@code mvn -X}) prints
 * the value of every parameter it injects; a parameter declared as {@link PlexusConfiguration} is injected as the
 * POM element it came from, so {@code -X} shows {@code <password>${quantagent.password}</password>}, and only the
 * code that connects evaluates it.
 */
final class SecretParameter {
  private SecretParameter() {}

  /** The parameter's value: its POM element or {@code -D} property evaluated as Maven would; null when unset. */
  static String evaluate(PlexusConfiguration parameter, MavenSession session, MojoExecution execution) {
    if (parameter == null || parameter.getValue(null) == null) {
      return null;
    }
    try {
      Object value = new PluginParameterExpressionEvaluator(session, execution).evaluate(parameter.getValue(null));
      return value == null || value.toString().isEmpty() ? null : value.toString();
    } catch (ExpressionEvaluationException e) {
      throw new IllegalStateException("Cannot evaluate the <" + parameter.getName() + "> parameter: it is not a valid"
          + " expression. Write it as plain text or as ${some.property}.", e);
    }
  }
}
