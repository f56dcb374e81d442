package io.quantagent.migrations.engine;

import java.util.regex.Pattern;

/**
 * The statements besides the CONCURRENTLY ones ({@link Concurrently}) that PostgreSQL refuses inside a transaction
 * block: {@code VACUUM}, {@code CREATE} and {@code DROP DATABASE}, {@code CREATE} and {@code DROP TABLESPACE},
 * {@code ALTER SYSTEM}, {@code REINDEX DATABASE} and {@code REINDEX SYSTEM}, {@code CLUSTER} of every table (none
 * named) and {@code DISCARD ALL}. In a script the runner gives a transaction, one of them fails when its migration
 * runs, after the migrations before it in the run were applied; the run plan refuses the script before any runs.
 */
public final class OutsideTransactionOnly {
  private static final Pattern REFUSED = Pattern.compile("(?is)\\s*(?:(?:vacuum\\b|(?:create|drop)\\s+(?:database|"
      + "tablespace)\\b|alter\\s+system\\b|reindex\\s+(?:\\([^)]*\\)\\s*)?(?:database|system)\\b|discard\\s+all\\b).*"
      + "|cluster(?:\\s+verbose)?\\s*(?:\\([^)]*\\))?\\s*;?\\s*)"); // CLUSTER alone: of every table

  private OutsideTransactionOnly() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses (CONCURRENTLY has a rule of its own). */
  public static boolean is(SqlStatement statement) {
    return REFUSED.matcher(statement.sql()).matches() && !Concurrently.is(statement);
  }
}
