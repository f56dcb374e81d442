package io.quantagent.migrations.setup;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Batch mode ({@code mvn -B quantagent:setup -Dquantagent.setup.host=...}): every answer comes from a user property,
 * a question with a default takes it, and a missing required one fails naming its property. The password may also
 * come from {@code PGPASSWORD}, which keeps it out of the command line and the shell history.
 */
public final class PropertyPrompts implements Prompts {
  static final String PGPASSWORD = "PGPASSWORD";

  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final Consumer<String> out;

  public PropertyPrompts(Map<String, String> properties, Map<String, String> environment, Consumer<String> out) {
    this.properties = properties;
    this.environment = environment;
    this.out = out;
  }

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public String ask(Question question, String defaultAnswer) {
    String value = properties.get(question.property());
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    if (defaultAnswer != null) {
      return defaultAnswer;
    }
    throw missing(question, "");
  }

  @Override
  public String askPassword(Question question) {
    String value = properties.get(question.property());
    if (value != null) {
      return value;
    }
    String fromEnvironment = environment.get(PGPASSWORD);
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    throw missing(question, " (or the " + PGPASSWORD + " environment variable, which keeps it out of the shell"
        + " history; -Dquantagent.setup.password= for none)");
  }

  @Override
  public boolean confirm(Question question, boolean defaultAnswer) {
    String value = question.property().isEmpty() ? null : properties.get(question.property());
    if (value == null) {
      return question == Question.RETRY ? false : defaultAnswer;
    }
    return value.isBlank() || Boolean.parseBoolean(value.strip()); // a bare -Dquantagent.setup.embedded means true
  }

  @Override
  public void say(String line) {
    out.accept(line);
  }

  private static SetupException missing(Question question, String alternative) {
    return new SetupException("quantagent:setup in batch mode (-B) needs -D" + question.property() + " ("
        + question.text() + ")" + alternative + ". Give it, run without -B to be asked, or use"
        + " -Dquantagent.setup.embedded for the embedded development database. Nothing was saved.");
  }
}
