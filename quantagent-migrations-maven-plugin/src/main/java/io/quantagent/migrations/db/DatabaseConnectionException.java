package io.quantagent.migrations.db;

import java.util.Optional;

/** The database could not be reached or refused us; the message says which URL (masked) and what to do. */
public final class DatabaseConnectionException extends RuntimeException {
  private final String problem;

  public DatabaseConnectionException(String message, Throwable cause) {
    this(message, "", cause);
  }

  /** {@code problem} says what failed, {@code advice} (empty or a sentence after it) what to do about it. */
  public DatabaseConnectionException(String problem, String advice, Throwable cause) {
    super(advice.isEmpty() ? problem : problem + " " + advice, cause);
    this.problem = problem;
  }

  /** What failed, without the advice, for a caller whose user gave the connection's parts another way. */
  public String problem() {
    return problem;
  }

  /** The server's SQLSTATE, when the server (or the driver for it) refused the connection. */
  public Optional<String> sqlState() {
    return getCause() instanceof java.sql.SQLException sql ? Optional.ofNullable(sql.getSQLState()) : Optional.empty();
  }
}
