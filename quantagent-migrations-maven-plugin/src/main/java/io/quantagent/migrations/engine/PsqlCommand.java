package io.quantagent.migrations.engine;

/**
 * A psql meta-command ({@code \i}, {@code \set}, {@code \connect}, ...) where a statement should start. psql
 * runs those itself; the runner sends a script to PostgreSQL, which answers a syntax error. pg_dump writes two of them
 * into every plain dump since 17.6, 16.10, 15.14, 14.19 and 13.22 ({@code \restrict} and
 * <code>&#92;unrestrict</code>), so a baseline made with it has them; the run plan refuses such a script before
 * anything runs, naming the line.
 */
public final class PsqlCommand {
  private PsqlCommand() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses. */
  public static boolean is(SqlStatement statement) {
    return statement.sql().startsWith("\\");
  }
}
