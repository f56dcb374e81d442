package io.quantagent.migrations.maven;

import java.util.Optional;
import org.apache.maven.plugin.descriptor.Parameter;

/** The {@code -D} property a goal's parameter reads, from its expression {@code ${name}} in the plugin descriptor. */
final class UserProperty {
  private UserProperty() {}

  static Optional<String> of(Parameter parameter) {
    String expression = parameter.getExpression();
    return expression != null && expression.startsWith("${") && expression.endsWith("}")
        ? Optional.of(expression.substring(2, expression.length() - 1)) : Optional.empty();
  }
}
