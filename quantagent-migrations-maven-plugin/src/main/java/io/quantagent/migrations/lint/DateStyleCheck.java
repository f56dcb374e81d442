package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.DateStyle;

/** A DateStyle that writes dates other than as ISO, read as the runner reads it ({@link DateStyle}). */
final class DateStyleCheck implements Check {

  @Override
  public void check(StatementContext context) {
    DateStyle.nonIsoOutput(context.statement()).ifPresent(style -> context.report(Rule.DATE_STYLE,
        context.statement().firstLine() + " makes PostgreSQL write dates as " + style + ", and the runner's driver"
            + " needs ISO: upgrade refuses the script before anything runs."));
  }
}
