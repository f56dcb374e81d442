package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.ScriptCreator;
import io.quantagent.migrations.engine.ScriptSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What create writes lints clean: no statement that trips a rule, no lint-ignore without a reason. */
class TemplateLintsCleanTest {

  @Test
  void theCreateTemplateHasNoFinding(@TempDir Path scripts) {
    new ScriptCreator(scripts, Clock.systemUTC()).create("add risk level");
    LintReport report = new MigrationLinter(LintSettings.forVersion(12))
        .lint(LintScript.all(ScriptSource.directory(scripts)));
    assertEquals(1, report.scripts());
    assertEquals(List.of(), report.findings());
  }
}
