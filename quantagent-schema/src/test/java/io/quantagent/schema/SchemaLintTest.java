package io.quantagent.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.lint.Finding;
import io.quantagent.migrations.lint.LintReport;
import io.quantagent.migrations.lint.LintScript;
import io.quantagent.migrations.lint.LintSettings;
import io.quantagent.migrations.lint.MigrationLinter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped migrations lint clean, without a single ignore: they create new tables (whose indexes lock nobody),
 * use timestamptz and NUMERIC, and their undo drops only what they created.
 */
class SchemaLintTest {

  @ParameterizedTest(name = "PostgreSQL {0} rules")
  @ValueSource(ints = {12, 15, 17})
  void theSixMigrationsLintClean(int version) {
    List<LintScript> scripts = LintScript.all(ScriptSource.classpath(SchemaLintTest.class.getClassLoader()));
    LintReport report = new MigrationLinter(LintSettings.forVersion(version)).lint(scripts);
    assertEquals(6, report.scripts());
    assertEquals(List.of(), report.findings().stream().map(Finding::describe).toList());
  }
}
