package io.quantagent.migrations.engine;

import java.util.regex.Pattern;

/**
 * The statements that end or start a transaction: {@code COMMIT}, {@code END}, {@code ROLLBACK} (but not
 * {@code ROLLBACK TO} a savepoint), {@code ABORT}, {@code PREPARE TRANSACTION}, {@code BEGIN} and
 * {@code START TRANSACTION}. In a script the runner gives one transaction, a {@code COMMIT} makes what came before it
 * permanent even when a later statement fails, and what comes after it runs in auto-commit, outside the lock-timeout
 * guard and apart from the changelog row; a {@code BEGIN} is only a warning to PostgreSQL, but says the script means
 * to manage its transaction itself.
 */
public final class TransactionControl {
  private static final Pattern ENDS_OR_STARTS = Pattern.compile("(?is)\\s*(?:(?:commit|end|abort|begin"
      + "|start\\s+transaction|prepare\\s+transaction)\\b|rollback\\b(?!\\s+(?:work\\s+|transaction\\s+)?to\\b)).*");

  private TransactionControl() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses. */
  public static boolean is(SqlStatement statement) {
    return ENDS_OR_STARTS.matcher(statement.sql()).matches();
  }
}
