package io.quantagent.migrations.engine;

import java.util.regex.Pattern;

/**
 * The statements besides the CONCURRENTLY ones ({@link Concurrently}) that PostgreSQL refuses inside a transaction
 * block: {@code VACUUM}, {@code CREATE} and {@code DROP DATABASE}, {@code CREATE} and {@code DROP TABLESPACE},
 * {@code ALTER SYSTEM}, {@code REINDEX DATABASE} and {@code REINDEX SYSTEM}, {@code CLUSTER} of every table (none
 * named), {@code DISCARD ALL}, {@code ALTER DATABASE ... SET TABLESPACE}, {@code CREATE SUBSCRIPTION} unless it makes
 * no replication slot ({@code connect} or {@code create_slot} false), {@code ALTER SUBSCRIPTION ... REFRESH
 * PUBLICATION}, and its {@code SET}, {@code ADD} or {@code DROP PUBLICATION} unless {@code refresh} is false. In a
 * script the runner gives a transaction, one of them fails when its migration runs, after the migrations before it in
 * the run were applied; the run plan refuses the script before any runs. {@code DROP SUBSCRIPTION} is refused only
 * while the subscription has a slot, which a script cannot show, so it is not named here.
 */
public final class OutsideTransactionOnly {
  private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[^\\s\"]+)";
  private static final String OFF = "\\s*=\\s*'?(?:false|off|no|0)\\b";

  // One pattern, as before the subscriptions were added: the run plan and lint ask for every statement of a run, and
  // three patterns a statement cost 20 ms more per pass over 20,000 statements, cold.
  private static final Pattern REFUSED = Pattern.compile("(?is)\\s*(?:(?:vacuum\\b|(?:create|drop)\\s+(?:database|"
      + "tablespace)\\b|alter\\s+system\\b|reindex\\s+(?:\\([^)]*\\)\\s*)?(?:database|system)\\b|discard\\s+all\\b"
      + "|alter\\s+database\\s+" + NAME + "\\s+set\\s+tablespace\\b"
      + "|alter\\s+subscription\\s+" + NAME + "\\s+refresh\\s+publication\\b"
      + "|create\\s+subscription\\b(?!.*\\b(?:connect|create_slot)" + OFF + ")"
      + "|alter\\s+subscription\\s+" + NAME + "\\s+(?:set|add|drop)\\s+publication\\b(?!.*\\brefresh" + OFF + ")).*"
      + "|cluster(?:\\s+verbose)?\\s*(?:\\([^)]*\\))?\\s*;?\\s*)"); // CLUSTER alone: of every table

  private OutsideTransactionOnly() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses (CONCURRENTLY has a rule of its own). */
  public static boolean is(SqlStatement statement) {
    return REFUSED.matcher(statement.sql()).matches() && !Concurrently.is(statement);
  }
}
