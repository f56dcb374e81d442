package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.UrlMasker;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * A parameter that may hold a secret (a password, a URL with one). Maven's debug output ({@code mvn -X}) prints
 * the value of every parameter it injects; a parameter declared as {@link PlexusConfiguration} is injected as the
 * POM element it came from, so {@code -X} shows {@code <password>${quantagent.password}</password>}, and only the
 * code that connects evaluates it. That holds for the goal's own default only: a {@code ${...}} written into the POM,
 * {@code ${env.X}} included, is expanded by Maven as it reads the POM, and {@code -X} and {@code help:effective-pom}
 * print the result, which {@link #printedByMaven} tells.
 */
final class SecretParameter {
  private SecretParameter() {}

  /**
   * A warning when the parameter holds a secret that Maven itself prints: its POM element reached the goal with no
   * {@code ${} left, so the POM holds the value, written there or expanded by Maven from a property or the
   * environment. {@code instead}: where to give the value so that it stays out of Maven's model.
   */
  static Optional<String> printedByMaven(PlexusConfiguration parameter, String value, String instead) {
    String raw = parameter == null ? null : parameter.getValue(null);
    if (raw == null || raw.contains("${") || value == null
        || !UrlMasker.isSecretName(parameter.getName()) && UrlMasker.mask(value).equals(value)) {
      return Optional.empty();
    }
    return Optional.of("The POM's <" + parameter.getName() + "> holds a secret, and Maven prints it: mvn -X and mvn"
        + " help:effective-pom show the plugin's configuration with every ${...} in it expanded, ${env.*} included."
        + " Remove <" + parameter.getName() + "> from the POM and give it " + instead + ".");
  }

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
