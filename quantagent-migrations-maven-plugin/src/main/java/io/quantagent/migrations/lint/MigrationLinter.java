package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.PostgresScriptSplitter;
import io.quantagent.migrations.engine.SqlStatement;
import io.quantagent.migrations.engine.TransactionControl;
import io.quantagent.migrations.lint.ParsedStatement.TransactionStatement;
import io.quantagent.migrations.lint.ScriptDirectives.Ignore;
import io.quantagent.migrations.lint.ScriptSections.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lints migration scripts in the order they run: each statement of the change and of its {@code @UNDO} part, split
 * the way the runner splits it, tokenized, parsed, and judged by every rule against what the earlier scripts built.
 * Needs no database.
 */
public final class MigrationLinter {
  private static final List<Check> CHECKS = List.of(new IndexChecks(), new AlterTableChecks(),
      new ColumnTypeChecks(), new CommandChecks(), new NonTransactionalCheck(), new PsqlCommandCheck(),
      new LockTimeoutCheck());

  private final LintSettings settings;

  public MigrationLinter(LintSettings settings) {
    this.settings = settings;
  }

  /** Every script; findings only for the scripts {@code reported} accepts (the others still build the schema). */
  public LintReport lint(List<LintScript> scripts, Predicate<String> reported) {
    // Reading a script needs nothing of the others, so all are read at once on all cores; judging needs the schema
    // the earlier scripts built, so it goes in order. At 10,000 scripts the reading was three quarters of lint.
    List<ReadScript> read = scripts.parallelStream().map(MigrationLinter::read).toList();
    KnownSchema schema = new KnownSchema();
    List<Finding> findings = new ArrayList<>();
    int linted = 0;
    for (ReadScript script : read) {
      boolean report = reported.test(script.filename());
      List<Finding> scriptFindings = judge(script, schema, report);
      if (report) {
        findings.addAll(scriptFindings);
        linted++;
      }
    }
    return new LintReport(settings, linted, findings);
  }

  public LintReport lint(List<LintScript> scripts) {
    return lint(scripts, filename -> true);
  }

  /** A script split, tokenized and parsed: what lint knows of it before judging it. */
  private record ReadScript(String filename, ScriptDirectives directives, List<ReadSection> sections) {}

  private record ReadSection(Section section, List<ReadStatement> statements) {}

  /** One statement, its first line in the file, and the last line it reaches. */
  private record ReadStatement(SqlStatement statement, int line, int lastLine, ParsedStatement parsed) {}

  private static ReadScript read(LintScript script) {
    List<ReadSection> sections = new ArrayList<>();
    for (Section section : ScriptSections.of(script.text()).both()) {
      List<ReadStatement> statements = new ArrayList<>();
      for (SqlStatement statement : PostgresScriptSplitter.split(section.text())) {
        int line = section.firstLine() - 1 + statement.line();
        ParsedStatement parsed = TransactionControl.is(statement) ? new TransactionStatement(statement.firstLine())
            : StatementParser.parse(SqlTokenizer.code(statement.sql(), line));
        int lastLine = line + (int) statement.sql().chars().filter(c -> c == '\n').count();
        statements.add(new ReadStatement(statement, line, lastLine, parsed));
      }
      sections.add(new ReadSection(section, statements));
    }
    return new ReadScript(script.filename(), ScriptDirectives.of(script.text()), sections);
  }

  private List<Finding> judge(ReadScript script, KnownSchema schema, boolean report) {
    ScriptDirectives directives = script.directives();
    List<Finding> findings = new ArrayList<>();
    List<Ignore> unplaced = new ArrayList<>(directives.ignores());
    ScriptState state = new ScriptState();
    for (ReadSection read : script.sections()) {
      Section section = read.section();
      ScriptState sectionState = section.isUndo() ? state.forUndo() : state;
      int previousEnd = section.firstLine() - 1;
      for (ReadStatement statement : read.statements()) {
        if (report) {
          List<Finding> found = new ArrayList<>();
          StatementContext context = new StatementContext(script.filename(), statement.line(), section.isUndo(),
              statement.statement(), statement.parsed(), sectionState, directives, schema, settings, found);
          CHECKS.forEach(check -> check.check(context));
          List<Ignore> ignores = ignoresBefore(unplaced, previousEnd, statement.line());
          findings.addAll(IgnoreDecision.apply(found, ignores));
        }
        if (!section.isUndo()) {
          schema.apply(statement.parsed());
        }
        sectionState.created(statement.parsed());
        previousEnd = statement.lastLine();
      }
    }
    if (report) {
      findings.addAll(IgnoreDecision.invalid(script.filename(), directives.ignores(), unplaced));
    }
    return findings;
  }

  /** The ignores between the end of the previous statement and this one's first line, taken out of {@code unplaced}. */
  private static List<Ignore> ignoresBefore(List<Ignore> unplaced, int previousEnd, int line) {
    List<Ignore> found = new ArrayList<>();
    unplaced.removeIf(ignore -> {
      boolean before = ignore.line() > previousEnd && ignore.line() < line;
      if (before) {
        found.add(ignore);
      }
      return before;
    });
    return found;
  }
}
