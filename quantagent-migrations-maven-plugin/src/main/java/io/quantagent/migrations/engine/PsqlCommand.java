package io.quantagent.migrations.engine;

import java.util.regex.Pattern;

/**
 * What only psql can run. A meta-command ({@code \i}, {@code \set}, {@code \connect}, ...) where a statement
 * should start: psql runs those itself, and PostgreSQL answers a syntax error. pg_dump writes two of them into every
 * plain dump since 17.6, 16.10, 15.14, 14.19 and 13.22 ({@code \restrict} and <code>&#92;unrestrict</code>), so a
 * baseline made with it has them. And {@code COPY ... FROM STDIN} or {@code TO STDOUT}, whose rows psql sends or
 * receives (pg_dump's data section without {@code --inserts}): sent as a statement, its rows never follow, and
 * PostgreSQL closes the connection. The run plan refuses such a script before anything runs, naming the line.
 */
public final class PsqlCommand {
  private static final Pattern COPY_WITH_ROWS =
      Pattern.compile("(?is)\\s*copy\\b.*\\b(?:from\\s+stdin|to\\s+stdout)\\b.*");

  private PsqlCommand() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses. */
  public static boolean is(SqlStatement statement) {
    return statement.sql().startsWith("\\") || copiesRows(statement);
  }

  /** {@code COPY ... FROM STDIN} or {@code TO STDOUT}, for the message: it is SQL, but its rows travel with psql. */
  public static boolean copiesRows(SqlStatement statement) {
    return COPY_WITH_ROWS.matcher(statement.sql()).matches();
  }
}
