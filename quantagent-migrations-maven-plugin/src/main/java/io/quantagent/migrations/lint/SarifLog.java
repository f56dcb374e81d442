package io.quantagent.migrations.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Lint's findings as a SARIF 2.1.0 log, which GitHub code scanning and IDEs read: every rule with its description and
 * safe way, every finding as a result at its file and line (ignored ones as in-source suppressions with the reason).
 * File paths are relative to {@code %SRCROOT%}, the directory Maven runs in.
 */
public final class SarifLog {
  public static final String SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

  private SarifLog() {}

  /** Writes the log to {@code file} (parent directories made); {@code path} gives each script's relative path. */
  public static void write(LintReport report, Path file, UnaryOperator<String> path) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, document(report, path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the SARIF file " + file + ": " + e.getMessage(), e);
    }
  }

  static String document(LintReport report, UnaryOperator<String> path) {
    List<Rule> rules = Arrays.asList(Rule.values());
    return "{\"$schema\":" + Json.string(SCHEMA) + ",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
        + "\"name\":\"quantagent-lint\",\"rules\":" + rules.stream().map(SarifLog::rule)
            .collect(Collectors.joining(",", "[", "]")) + "}},"
        + "\"columnKind\":\"utf16CodeUnits\","
        + "\"results\":" + report.findings().stream().map(f -> result(f, rules.indexOf(f.rule()), path))
            .collect(Collectors.joining(",", "[", "]")) + "}]}";
  }

  private static String rule(Rule rule) {
    return "{\"id\":" + Json.string(rule.id()) + ",\"shortDescription\":{\"text\":" + Json.string(rule.catches())
        + "},\"fullDescription\":{\"text\":" + Json.string(rule.catches() + ": " + rule.why())
        + "},\"help\":{\"text\":" + Json.string("Safe way: " + rule.safeWay())
        + "},\"defaultConfiguration\":{\"level\":" + Json.string(level(rule.severity())) + "}}";
  }

  private static String result(Finding finding, int ruleIndex, UnaryOperator<String> path) {
    return "{\"ruleId\":" + Json.string(finding.rule().id()) + ",\"ruleIndex\":" + ruleIndex
        + ",\"level\":" + Json.string(level(finding.severity()))
        + ",\"message\":{\"text\":" + Json.string(finding.message() + " Safe way: " + finding.safeWay()) + "}"
        + ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" + Json.path(uri(path.apply(finding.file())))
        + ",\"uriBaseId\":\"%SRCROOT%\"},\"region\":{\"startLine\":" + finding.line() + "}}}]"
        + (finding.ignored() ? ",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":"
            + Json.string(finding.ignoredBecause()) + "}]" : "")
        + "}";
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case REVIEW -> "note";
    };
  }

  /** A relative path as a URI reference: forward slashes, spaces and the like percent-encoded. */
  private static String uri(String path) {
    StringBuilder uri = new StringBuilder();
    for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~/:".indexOf(c) >= 0) {
        uri.append((char) c);
      } else {
        uri.append('%').append(String.format("%02X", c));
      }
    }
    return uri.toString();
  }
}
