package io.quantagent.migrations.engine;

import java.util.List;

/** Applied scripts that were edited or deleted; nothing was run. */
public final class ValidationFailedException extends MigrationFailureException {
  private final List<String> problems;

  public ValidationFailedException(String summary, List<String> problems) {
    super(summary + "\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
