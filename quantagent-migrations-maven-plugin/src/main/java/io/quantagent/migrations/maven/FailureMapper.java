package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.KnownSecrets;
import io.quantagent.migrations.engine.MigrationFailureException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place where engine exceptions become Maven's two kinds: BUILD FAILURE ({@link MojoFailureException})
 * when the user's project must change (bad target, broken script, bad URL), BUILD ERROR
 * ({@link MojoExecutionException}) when the environment is broken. The message is the engine's, masked, then the
 * database's own cause when the engine's message does not already hold it; the cause Maven gets is a
 * {@link PrintableCause}, so neither Maven's summary nor {@code -e} repeats MyBatis' text or shows a secret.
 */
final class FailureMapper {
  // Server shutting down (smart, fast or crash) or refusing connections while it does: a run cut short.
  private static final Set<String> INTERRUPTING_STATES = Set.of("57P01", "57P02", "57P03");

  private FailureMapper() {}

  static Exception map(RuntimeException e, KnownSecrets secrets, String goal) {
    if (e instanceof MigrationFailureException && interrupted(e)) {
      // Not e itself: its message (the engine's "fix the script") is the one the interruption makes untrue.
      Throwable database = deepest(e, SQLException.class);
      return new MojoExecutionException(interruptedMessage(e, secrets, goal),
          PrintableCause.of(database != null ? database : e.getCause(), secrets));
    }
    Throwable cause = PrintableCause.of(e, secrets);
    String message = secrets.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    SQLException database = deepest(e, SQLException.class);
    if (database != null) {
      String said = secrets.mask(database.getMessage());
      if (said != null && !message.contains(said) && !message.contains(serverMessage(database))) {
        message += "\n  Cause: " + said + state(database);
      }
    }
    if (e instanceof MigrationFailureException || e instanceof InvalidDatabaseUrlException) {
      return new MojoFailureException(message, cause);
    }
    return new MojoExecutionException(message, cause);
  }

  /**
   * A failure a goal threw itself (check's findings, lint's summary), with its messages and cause through the mask: a
   * finding may quote a statement or a view's definition, which can hold a password.
   */
  static MojoFailureException masked(MojoFailureException e, KnownSecrets secrets) {
    MojoFailureException masked = new MojoFailureException(e.getSource(), secrets.mask(e.getMessage()),
        secrets.mask(e.getLongMessage()));
    return withCauseOf(e, masked, secrets);
  }

  /** As {@link #masked(MojoFailureException, KnownSecrets)}, for an error of the environment. */
  static MojoExecutionException masked(MojoExecutionException e, KnownSecrets secrets) {
    MojoExecutionException masked = new MojoExecutionException(e.getSource(), secrets.mask(e.getMessage()),
        secrets.mask(e.getLongMessage()));
    return withCauseOf(e, masked, secrets);
  }

  private static <T extends Exception> T withCauseOf(Exception original, T masked, KnownSecrets secrets) {
    if (original.getCause() != null) {
      masked.initCause(PrintableCause.of(original.getCause(), secrets));
    }
    masked.setStackTrace(original.getStackTrace());
    return masked;
  }

  /**
   * Ctrl-C or a kill ends the JVM and, with the embedded database, the server too: the run did not fail on its
   * own, and an engine message blaming the project ("fix the script") would lie. An exception of the system's
   * kind already says what happened, and is left as it is.
   */
  static boolean interrupted(Throwable e) {
    if (deepest(e, InterruptedException.class) != null || shuttingDown()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && INTERRUPTING_STATES.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static String interruptedMessage(RuntimeException e, KnownSecrets secrets, String goal) {
    SQLException database = deepest(e, SQLException.class);
    String why = database != null && INTERRUPTING_STATES.contains(database.getSQLState())
        ? "the database server ended the session (" + firstLine(secrets.mask(database.getMessage()))
            + state(database) + "), as it does when it is stopped or when Ctrl-C reaches it"
        : "the build was stopped (Ctrl-C or a kill)";
    return "quantagent:" + goal + " was interrupted: " + why + ". Nothing is wrong with the scripts.\n"
        + "  The migration that was running was rolled back by PostgreSQL and is not applied (a script marked"
        + " -- quantagent:no-transaction keeps the statements it had finished); the migrations finished before it"
        + " stay applied.\n"
        + "  Run mvn quantagent:history to see where the database is, then run mvn quantagent:" + goal + " again.";
  }

  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shutdownInProgress) {
      return true;
    }
  }

  /** What the server said, without pgjdbc's "ERROR: " and position lines: how the engine's messages quote it. */
  private static String serverMessage(SQLException e) {
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    return server != null && server.getMessage() != null ? server.getMessage() : String.valueOf(e.getMessage());
  }

  private static String state(SQLException e) {
    return e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
  }

  private static String firstLine(String text) {
    int newline = text == null ? -1 : text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** The innermost exception of this type in the chain: for SQL, the driver's own, not a wrapper's. */
  private static <T extends Throwable> T deepest(Throwable e, Class<T> type) {
    T found = null;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (type.isInstance(t)) {
        found = type.cast(t);
      }
    }
    return found;
  }
}
