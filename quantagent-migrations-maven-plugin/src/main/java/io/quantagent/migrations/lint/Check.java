package io.quantagent.migrations.lint;

/** A group of rules that look at one kind of statement; it reports through the context. */
interface Check {
  void check(StatementContext context);
}
