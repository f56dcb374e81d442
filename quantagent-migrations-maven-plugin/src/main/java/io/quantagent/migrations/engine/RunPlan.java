package io.quantagent.migrations.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations a run will apply (or undo), each read, split and checked once before the first one runs: a comment,
 * string or dollar-quoted body that never ends (the splitter would skip or swallow what follows it), a
 * transactional script with a statement PostgreSQL refuses in a transaction ({@code CONCURRENTLY}, {@code VACUUM},
 * ...) or a statement of its own that ends its transaction, a statement that sets a client encoding other than UTF8
 * ({@link ClientEncoding}) or a DateStyle that writes dates other than as ISO ({@link DateStyle}), or a {@code -- quantagent:} line that is no marker as written (see
 * {@link DirectiveComments}), fails the run before anything changes.
 */
final class RunPlan {
  // Blanks before the marker on its own line only: \s would reach back over the blank line autogenerate writes before
  // it, and each undo problem would be named a line too early.
  private static final Pattern UNDO_LINE = Pattern.compile("(?m)^[ \\t]*--\\s*//\\s*@UNDO\\b.*$");

  private final List<PlannedMigration> migrations;
  private final Map<MigrationInfo, PlannedMigration> byMigration = new HashMap<>();

  private RunPlan(List<PlannedMigration> migrations) {
    this.migrations = migrations;
    migrations.forEach(m -> byMigration.put(m.migration(), m));
  }

  static RunPlan of(ScriptSource scripts, List<MigrationInfo> plan, boolean undo) {
    List<PlannedMigration> planned = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (MigrationInfo migration : plan) {
      String file = scripts.filename(migration);
      String text = scripts.loader().text(file);
      String section = scripts.section(migration, undo);
      int offset = undo ? undoLine(text) - 1 : 0;
      PostgresScriptSplitter.Read read = PostgresScriptSplitter.read(section);
      read.unterminated().ifPresent(u -> problems.add(file + " line " + (u.line() + offset) + ": " + u.describe()));
      DirectiveComments comments = DirectiveComments.of(text);
      if (!comments.problems().isEmpty()) {
        // The checks below would judge the script without the marker its author meant, and say to add it.
        comments.problems().forEach(p -> problems.add(file + " line " + p.line() + ": " + p.message()));
        continue;
      }
      ScriptDirectives directives = ScriptDirectives.of(comments);
      List<SqlStatement> statements = inFile(read.statements(), offset);
      if (undo && statements.isEmpty() && DirectiveComments.of(section).noUndo()) {
        problems.add(file + ": its -- //@UNDO part says -- quantagent:no-undo, so it cannot be undone. Undoing it would"
            + " only delete its changelog row and leave its change in place, and the next upgrade would run it again."
            + " Downgrade to it at most (-Dtarget=" + migration.idText() + " keeps it applied), or write its undo in"
            + " place of the marker.");
        continue;
      }
      statements.stream().filter(PsqlCommand::is).findFirst().ifPresent(s -> problems.add(file + " line " + s.line()
          + ": " + s.firstLine() + (PsqlCommand.copiesRows(s) ? " needs psql to send the rows that follow it (or to"
              + " take the rows it gives): the runner sends SQL to PostgreSQL, with no rows after it. Write the rows"
              + " as INSERT statements (pg_dump --inserts writes them)."
          : " is a psql command, not SQL: the runner sends scripts to PostgreSQL, which cannot run it. Delete the"
              + " line (pg_dump writes \\restrict and \\unrestrict lines into every plain dump; a migration needs"
              + " neither).")));
      statements.stream().filter(RunLockRelease::is).findFirst().ifPresent(s -> problems.add(file + " line "
          + s.line() + ": " + s.firstLine() + " would release the run lock, which keeps a second run off this database"
          + " until this one ends (DISCARD ALL and pg_advisory_unlock_all() release every advisory lock of the"
          + " session; DISCARD ALL also drops the session settings the runner made). A migration needs neither:"
          + " delete the statement."));
      statements.stream().flatMap(s -> ClientEncoding.setTo(s).map(encoding -> file + " line " + s.line() + ": "
          + s.firstLine() + " sets the client encoding to " + encoding + ", and the PostgreSQL JDBC driver the runner"
          + " uses works in UTF8 only: it closes the connection, and PostgreSQL reads the text sent with the statement"
          + " as " + encoding + " (an accented letter stored garbled). Delete the line (pg_dump writes SET"
          + " client_encoding at the top of every dump; the runner reads every script as UTF-8), or make it SET"
          + " client_encoding = 'UTF8'.").stream()).findFirst().ifPresent(problems::add);
      statements.stream().flatMap(s -> DateStyle.nonIsoOutput(s).map(style -> file + " line " + s.line() + ": "
          + s.firstLine() + " makes PostgreSQL write dates as " + style + ", and the PostgreSQL JDBC driver the runner"
          + " uses needs them written as ISO: it closes the connection when the server reports the change, in the"
          + " middle of a long script or at its end. Write SET datestyle = 'ISO, DMY' (or 'ISO, MDY'): dates are then"
          + " read in that order just the same.").stream()).findFirst().ifPresent(problems::add);
      if (!directives.noTransaction()) {
        statements.stream().filter(s -> (Concurrently.is(s) || OutsideTransactionOnly.is(s)) && !RunLockRelease.is(s))
            .findFirst()
            .ifPresent(s -> problems.add(file + " line " + s.line() + ": " + s.firstLine() + " cannot run inside a"
                + " transaction, and this script runs in one. Put the line '-- quantagent:no-transaction' in the"
                + " script, so that its statements run one by one in auto-commit (then write them so that the script"
                + " can run again: IF NOT EXISTS, IF EXISTS)."));
        statements.stream().filter(TransactionControl::is).findFirst().ifPresent(s -> problems.add(file + " line "
            + s.line() + ": " + s.firstLine() + " ends the transaction that this script runs in (or starts one): what"
            + " came before it would stay applied when a later statement fails, and what comes after it would run"
            + " outside the lock-timeout guard. Delete the script's BEGIN, COMMIT and ROLLBACK: the runner already"
            + " applies each migration in one transaction, with its changelog row. A script that must commit part"
            + " way takes the line '-- quantagent:no-transaction'."));
      }
      planned.add(new PlannedMigration(migration, file, undo, directives, statements));
    }
    if (!problems.isEmpty()) {
      throw new InvalidScriptException("Nothing was " + (undo ? "undone" : "applied") + ":\n  - "
          + String.join("\n  - ", problems));
    }
    return new RunPlan(planned);
  }

  PlannedMigration get(MigrationInfo migration) {
    PlannedMigration planned = byMigration.get(migration);
    if (planned == null) {
      throw new IllegalStateException("MyBatis ran " + migration + ", which is not in the plan " + byMigration.keySet());
    }
    return planned;
  }

  int size() {
    return migrations.size();
  }

  List<PlannedMigration> migrations() {
    return migrations;
  }

  /** The line number of the {@code -- //@UNDO} line, which is the first line of the undo part MyBatis reads. */
  private static int undoLine(String text) {
    Matcher matcher = UNDO_LINE.matcher(text);
    if (!matcher.find()) {
      return 1;
    }
    int line = 1;
    for (int i = 0; i < matcher.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static List<SqlStatement> inFile(List<SqlStatement> statements, int offset) {
    List<SqlStatement> shifted = new ArrayList<>(statements.size());
    for (SqlStatement s : statements) {
      shifted.add(offset == 0 ? s : new SqlStatement(s.number(), s.line() + offset, s.sql()));
    }
    return shifted;
  }
}
