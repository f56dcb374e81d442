package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SARIF file is a valid SARIF 2.1.0 log by the official schema, and says what the findings say. */
class SarifLogTest {

  @Test
  void everyRulesBadExampleGivesAValidSarifLog(@TempDir Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    RuleExample unterminated = null;
    for (RuleExample example : RuleExample.all()) {
      if (example.rule() == Rule.UNTERMINATED_COMMENT_OR_QUOTE) {
        unterminated = example; // it swallows the rest of the script: it goes last
      } else {
        all.append(example.bad()).append('\n');
      }
    }
    all.append("-- quantagent:lint-ignore rename renamed while the app is stopped for the \"2026\" upgrade\n"
        + "ALTER TABLE orders RENAME TO old_orders;\n").append(unterminated.bad()).append('\n');
    LintReport report = new MigrationLinter(LintSettings.forVersion(12)).lint(RuleExample.scripts(List.of(all.toString())));
    Path file = dir.resolve("reports/lint.sarif");

    SarifLog.write(report, file, name -> "src/main/resources/quantagent/migrations/" + name);

    String json = Files.readString(file);
    assertEquals(List.of(), SarifSchema.problems(json));
    JsonNode run = new ObjectMapper().readTree(json).get("runs").get(0);
    assertEquals(Rule.values().length, run.get("tool").get("driver").get("rules").size());
    assertEquals(report.findings().size(), run.get("results").size());
    JsonNode first = run.get("results").get(0);
    Finding finding = report.findings().get(0);
    assertEquals(finding.rule().id(), first.get("ruleId").asText());
    assertEquals("src/main/resources/quantagent/migrations/2_step_2.sql",
        first.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    assertEquals(finding.line(), first.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
    List<String> suppressed = run.get("results").findParents("suppressions").stream()
        .map(r -> r.get("ruleId").asText() + ": " + r.get("suppressions").get(0).get("justification").asText()).toList();
    assertEquals(List.of("drop-column: (no reason given)",
        "rename: renamed while the app is stopped for the \"2026\" upgrade"), suppressed.stream().sorted().toList());
  }

  /** Lint's finding quotes the psql command's line; the log masks it, so must the SARIF file and the JSON report. */
  @Test
  void aPasswordAFindingQuotesIsMaskedInTheSarifLogAndTheJsonReport(@TempDir Path dir) throws Exception {
    LintReport report = new MigrationLinter(LintSettings.forVersion(12)).lint(RuleExample.scripts(List.of(
        "\\connect \"host=risk user=reader password=Risk-s3cret-9\"\nSELECT 1;")));
    Path file = dir.resolve("lint.sarif");

    SarifLog.write(report, file, name -> name);
    String json = LintJson.document(report, Optional.empty(), name -> name);

    String sarif = Files.readString(file);
    assertEquals(List.of(), SarifSchema.problems(sarif));
    String expected = "\\connect \"host=risk user=reader password=****\" is a psql command";
    JsonNode result = new ObjectMapper().readTree(sarif).get("runs").get(0).get("results").get(0);
    assertTrue(result.get("message").get("text").asText().startsWith(expected), result.toString());
    JsonNode finding = new ObjectMapper().readTree(json).get("findings").get(0);
    assertTrue(finding.get("message").asText().startsWith(expected), finding.toString());
    assertFalse(sarif.contains("s3cret"), sarif);
    assertFalse(json.contains("s3cret"), json);
  }

  /** A Windows workspace path with an '@' (Jenkins' concurrent builds) is no URL with a password: written as it is. */
  @Test
  void aFindingsPathIsWrittenAsItIsInTheJsonReport() throws Exception {
    LintReport report = new MigrationLinter(LintSettings.forVersion(12)).lint(RuleExample.scripts(List.of(
        "\\connect quantagent\nSELECT 1;")));
    String folder = "C:\\ci\\workspace\\trading@2\\migrations\\";

    String json = LintJson.document(report, Optional.empty(), name -> folder + name);

    String file = new ObjectMapper().readTree(json).get("findings").get(0).get("file").asText();
    assertTrue(file.startsWith(folder), file);
  }

  /** A SARIF uri is a URI reference: a folder's accented letters and blanks are percent-encoded as UTF-8. */
  @Test
  void aFindingsFolderWithAccentsAndBlanksIsPercentEncodedInItsUri(@TempDir Path dir) throws Exception {
    LintReport report = new MigrationLinter(LintSettings.forVersion(12)).lint(RuleExample.scripts(List.of(
        "\\connect quantagent\nSELECT 1;")));
    Path file = dir.resolve("lint.sarif");

    SarifLog.write(report, file, name -> "db\\migra\u00e7\u00f5es novas\\" + name);

    JsonNode location = new ObjectMapper().readTree(Files.readString(file)).get("runs").get(0).get("results").get(0)
        .get("locations").get(0).get("physicalLocation").get("artifactLocation");
    assertEquals("db/migra%C3%A7%C3%B5es%20novas/" + report.findings().get(0).file(),
        location.get("uri").asText());
  }

  @Test
  void theSchemaCatchesABrokenLog() throws Exception {
    assertFalse(SarifSchema.problems("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}").isEmpty(),
        "a run without a tool must be refused, or the schema check proves nothing");
    assertTrue(SarifSchema.problems("{\"version\":\"2.1.0\",\"runs\":[]}").isEmpty());
  }
}
