package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.PostgresScriptSplitter;
import io.quantagent.migrations.engine.SqlStatement;
import io.quantagent.migrations.engine.TransactionControl;
import io.quantagent.migrations.lint.ParsedStatement.TransactionStatement;
import io.quantagent.migrations.lint.ScriptDirectives.Ignore;
import io.quantagent.migrations.lint.ScriptSections.Section;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lints migration scripts in the order they run: each statement of the change and of its {@code @UNDO} part, split
 * the way the runner splits it, tokenized, parsed, and judged by every rule against what the earlier scripts built.
 * Needs no database.
 */
public final class MigrationLinter {
  /** The rules whose finding depends on whether the script runs in a transaction. */
  private static final Set<Rule> BY_TRANSACTION = EnumSet.of(Rule.CONCURRENTLY_IN_TRANSACTION,
      Rule.NON_TRANSACTIONAL_IN_TRANSACTION, Rule.TRANSACTION_CONTROL_IN_TRANSACTION);
  private static final List<Check> CHECKS = List.of(new IndexChecks(), new AlterTableChecks(),
      new ColumnTypeChecks(), new CommandChecks(), new NonTransactionalCheck(), new PsqlCommandCheck(),
      new ClientEncodingCheck(), new DateStyleCheck(), new LockTimeoutCheck());

  private final LintSettings settings;

  public MigrationLinter(LintSettings settings) {
    this.settings = settings;
  }

  /** Every script; findings only for the scripts {@code reported} accepts (the others still build the schema). */
  public LintReport lint(List<LintScript> scripts, Predicate<String> reported) {
    KnownSchema schema = new KnownSchema();
    List<Finding> findings = new ArrayList<>();
    int linted = 0;
    for (LintScript script : scripts) {
      if (reported.test(script.filename())) {
        findings.addAll(lintScript(script, schema));
        linted++;
      } else {
        learn(script, schema);
      }
    }
    return new LintReport(settings, linted, findings);
  }

  public LintReport lint(List<LintScript> scripts) {
    return lint(scripts, filename -> true);
  }

  private List<Finding> lintScript(LintScript script, KnownSchema schema) {
    ScriptSections sections = ScriptSections.of(script.text());
    ScriptDirectives directives = ScriptDirectives.of(script.text());
    List<Finding> findings = new ArrayList<>();
    List<Ignore> unplaced = new ArrayList<>(directives.ignores());
    ScriptState state = new ScriptState();
    for (Section section : sections.both()) {
      PostgresScriptSplitter.Read read = PostgresScriptSplitter.read(section.text());
      read.unterminated().ifPresent(u -> findings.add(refused(script, section.firstLine() - 1 + u.line(),
          section.isUndo(), Rule.UNTERMINATED_COMMENT_OR_QUOTE, u.describe())));
      ScriptState sectionState = section.isUndo() ? state.forUndo() : state;
      int previousEnd = section.firstLine() - 1;
      for (SqlStatement statement : read.statements()) {
        int line = section.firstLine() - 1 + statement.line();
        ParsedStatement parsed = schema.effect(parse(statement, line));
        List<Finding> found = new ArrayList<>();
        StatementContext context = new StatementContext(script.filename(), line, section.isUndo(), statement,
            parsed, sectionState, directives, schema, settings, found);
        CHECKS.forEach(check -> check.check(context));
        List<Ignore> ignores = ignoresBefore(unplaced, previousEnd, line);
        findings.addAll(IgnoreDecision.apply(found, ignores));
        if (!section.isUndo()) {
          schema.apply(parsed);
        }
        sectionState.created(parsed);
        previousEnd = line + (int) statement.sql().chars().filter(c -> c == '\n').count();
      }
    }
    findings.addAll(IgnoreDecision.invalid(script.filename(), directives.ignores(), unplaced));
    if (!directives.problems().isEmpty()) {
      // As upgrade: whether the script runs in a transaction is what its author's marker meant, which cannot be read,
      // so no advice to add the marker they already wrote.
      findings.removeIf(finding -> BY_TRANSACTION.contains(finding.rule()));
    }
    directives.problems().forEach(p -> findings.add(refused(script, p.line(), false, Rule.INVALID_MARKER, p.message())));
    return findings;
  }

  /** A finding about what upgrade refuses in the script itself, with the runner's words; no ignore silences it. */
  private static Finding refused(LintScript script, int line, boolean undo, Rule rule, String message) {
    return new Finding(script.filename(), line, undo, rule, message, rule.safeWay(), null);
  }

  /**
   * What a script whose findings nobody reads (upgrade's already applied ones) gives the later ones: the tables and
   * indexes its change builds. Its undo part, directives and checks are skipped: with 10,000 scripts applied and one
   * pending, they were a third of the lint before each upgrade.
   */
  private static void learn(LintScript script, KnownSchema schema) {
    Section change = ScriptSections.of(script.text()).change();
    for (SqlStatement statement : PostgresScriptSplitter.split(change.text())) {
      schema.apply(schema.effect(parse(statement, change.firstLine() - 1 + statement.line())));
    }
  }

  /** @param line the statement's first line in its file */
  private static ParsedStatement parse(SqlStatement statement, int line) {
    return TransactionControl.is(statement) ? new TransactionStatement(statement.firstLine())
        : StatementParser.parse(SqlTokenizer.code(statement.sql(), line));
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
