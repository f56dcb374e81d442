package io.quantagent.migrations.maven;

import io.quantagent.migrations.lint.LintJson;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.lint.LockReport;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Finds the migration that would lock a busy table before it runs: every script, change and {@code @UNDO} part, one
 * line per finding with file, line, rule, what it locks and the safe way. Needs no database, unless pendingOnly or
 * prove asks for one, or one is configured (its server's version is then the rules' default).
 */
@Mojo(name = "lint", threadSafe = true)
public class LintMojo extends AbstractLintingMojo {

  /** {@code text} (log lines) or {@code json} (one document on standard output; use with {@code mvn -q}). */
  @Parameter(property = PropertyKeys.FORMAT, defaultValue = "text")
  private String format;

  @Override
  protected boolean pendingOnlyByDefault() {
    return false;
  }

  @Override
  protected boolean proveByDefault() {
    return false;
  }

  @Override
  protected void checkInputs() throws MojoFailureException {
    OutputFormat.parse(format);
    checkLintInputs();
  }

  @Override
  protected boolean needsScripts() {
    return lint;
  }

  @Override
  protected boolean needsDatabase() {
    try {
      return lint && (pendingOnly() || proving() || (explicitVersion().isEmpty() && databaseConfigured()));
    } catch (MojoFailureException e) {
      return true; // the same problem is reported when the database is opened
    }
  }

  /** Lint names what it finds in any script; only the pending scripts' list runs them as migrations. */
  @Override
  protected boolean refusesInvalidScripts() {
    return pendingOnly() || proving();
  }

  @Override
  protected void runWithoutScripts() {
    getLog().info("Skipping lint: " + PropertyKeys.LINT + " is false.");
  }

  @Override
  protected void run(GoalContext context) throws MojoFailureException {
    boolean json = OutputFormat.parse(format) == OutputFormat.JSON;
    List<String> pending = pendingOnly() || proving() ? context.linted().pendingFiles() : List.of();
    LintReport report = lint(context, pending, !json);
    Optional<LockReport> proof = prove(context, pending);
    if (json) {
      OutputFormat.printDocument(LintJson.document(report, proof, lines()::path));
    } else {
      proof.ifPresent(lines()::proof);
    }
    List<String> failing = failing(report);
    if (!failing.isEmpty()) {
      String summary = "quantagent:lint failed: " + plural(failing.size(), "finding") + " at or above "
          + PropertyKeys.LINT_FAIL_ON + " (fix each the safe way, or silence it with"
          + " '-- quantagent:lint-ignore <rule-id> <reason>' on the line before the statement):\n  - "
          + String.join("\n  - ", failing);
      throw new MojoFailureException(this, summary, summary);
    }
  }
}
