package io.quantagent.migrations.lint;

/**
 * One thing lint found: where (script file and line in the file, and whether in the {@code @UNDO} part), which rule,
 * what this statement locks or rewrites, and the safe way to write it. {@code ignoredBecause} holds the reason of the
 * {@code -- quantagent:lint-ignore} that silenced it, or null when it stands.
 */
public record Finding(String file, int line, boolean undo, Rule rule, String message, String safeWay,
    String ignoredBecause) {

  public boolean ignored() {
    return ignoredBecause != null;
  }

  public Severity severity() {
    return rule.severity();
  }

  Finding ignoredBecause(String reason) {
    return new Finding(file, line, undo, rule, message, safeWay, reason);
  }

  /** {@code file:line: error rule-id: message Safe way: ...}, one line, as lint prints it. */
  public String describe() {
    return file + ":" + line + ": " + severity().label() + " " + rule.id() + ": " + message
        + (undo ? " (in the @UNDO part)" : "") + " Safe way: " + safeWay;
  }
}
