package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.SqlStatement;
import java.util.List;

/**
 * One statement under lint and everything a check may ask about it: its parsed form, the script and part it is in,
 * what the earlier scripts built, the settings; and where its findings go.
 */
final class StatementContext {
  private final String file;
  private final int line;
  private final boolean undo;
  private final SqlStatement statement;
  private final ParsedStatement parsed;
  private final ScriptState state;
  private final ScriptDirectives directives;
  private final KnownSchema schema;
  private final LintSettings settings;
  private final List<Finding> findings;

  StatementContext(String file, int line, boolean undo, SqlStatement statement, ParsedStatement parsed,
      ScriptState state, ScriptDirectives directives, KnownSchema schema, LintSettings settings,
      List<Finding> findings) {
    this.file = file;
    this.line = line;
    this.undo = undo;
    this.statement = statement;
    this.parsed = parsed;
    this.state = state;
    this.directives = directives;
    this.schema = schema;
    this.settings = settings;
    this.findings = findings;
  }

  /** The statement as the runner splits it, for the rules that must read it exactly as the runner does. */
  SqlStatement statement() {
    return statement;
  }

  ParsedStatement parsed() {
    return parsed;
  }

  ScriptState state() {
    return state;
  }

  ScriptDirectives directives() {
    return directives;
  }

  KnownSchema schema() {
    return schema;
  }

  int postgresVersion() {
    return settings.postgresVersion();
  }

  LintSettings settings() {
    return settings;
  }

  boolean undo() {
    return undo;
  }

  /** Whether the script runs in one transaction (it is not marked {@code -- quantagent:no-transaction}). */
  boolean transactional() {
    return !directives.noTransaction();
  }

  /** Whether the table existed before this script (or is unknown): lock rules apply to it. */
  boolean existing(RelationName table) {
    return table != null && !state.createdHere(table);
  }

  void report(Rule rule, String message) {
    report(rule, message, rule.safeWay());
  }

  void report(Rule rule, String message, String safeWay) {
    findings.add(new Finding(file, line, undo, rule, message, safeWay, null));
  }
}
