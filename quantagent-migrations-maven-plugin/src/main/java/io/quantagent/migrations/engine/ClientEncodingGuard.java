package io.quantagent.migrations.engine;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement sent after the statements of a transactional script that may set the client encoding where the run
 * plan cannot see it ({@link ClientEncoding}: an EXECUTE in a DO block, set_config in a larger query): it fails the
 * migration's transaction while the encoding is not UTF8. Otherwise the text sent after the SET, read in that
 * encoding, would commit garbled: silently when the runner's RESET ALL puts the encoding back before PostgreSQL reports
 * it, or before pgjdbc, told at the round trip's end, closes the connection. The error rolls the SET back with the
 * rest (PostgreSQL restores the setting as the transaction aborts, before it would report it), so the connection
 * stays. Read loosely, as text: a false alarm costs one cheap statement in the migration's own round trip.
 */
final class ClientEncodingGuard {
  /** The SQLSTATE of the check's error: no error of PostgreSQL's has it. */
  static final String FAILED = "QAENC";
  static final String SQL = "DO $quantagent$ BEGIN IF pg_catalog.current_setting('client_encoding') <> 'UTF8' THEN"
      + " RAISE EXCEPTION 'client_encoding is % after the statements of the migration, not UTF8',"
      + " pg_catalog.current_setting('client_encoding') USING ERRCODE = '" + FAILED + "'; END IF; END $quantagent$";
  private static final Pattern SET_TO = Pattern.compile("client_encoding is (\\S+) after");
  private static final Pattern SET_BEFORE = Pattern.compile("(?i)(?:^|[^a-z0-9_])set\\s+(?:(?:session|local)\\s+)?$");

  private ClientEncodingGuard() {}

  /** The check to send after {@code statements}, when any of them may set the client encoding. */
  static Optional<String> after(List<SqlStatement> statements) {
    return statements.stream().anyMatch(s -> mayNameTheEncoding(s.sql())) ? Optional.of(SQL) : Optional.empty();
  }

  /** Whether {@code step} failed at the check because the script left another encoding than UTF8. */
  static boolean failed(StepFailedException step) {
    return step.part() == TransactionBatch.Part.ENCODING_GUARD && FAILED.equals(DriverCause.sqlState(step.sqlCause()));
  }

  /**
   * The message for a migration the check failed: the script is the cause, and nothing of it is applied.
   *
   * @param failure what failed, where, and what PostgreSQL said
   */
  static ScriptFailedException explain(StepFailedException step, RunRecorder recorder, boolean durable, String failure,
      String goal) {
    String file = step.migration().file();
    String encoding = setTo(step).orElse("another than UTF8");
    String message = failure + "\n  In " + file + ", a statement set the client encoding to " + encoding + " in a form"
        + " the check before the run cannot see (an EXECUTE in a DO block, set_config in a function or in a larger"
        + " query). PostgreSQL read the statements after it in that encoding (an accented letter would be stored"
        + " garbled), and the PostgreSQL JDBC driver works in UTF8 only: the runner's check after the script failed its"
        + " transaction before it could commit. " + ScriptFailure.consequence(step, recorder)
        + (recorder.runs().isEmpty() ? "" : " " + ScriptFailure.applied(recorder, durable, true))
        + "\n  Delete the statement that sets client_encoding from "
        + (recorder.undo() ? "the -- //@UNDO part of " : "") + file + ", or make it set 'UTF8', then run the same mvn"
        + " quantagent:" + goal + " command again.";
    return new ScriptFailedException(message, failure, DriverCause.innermost(step.sqlCause()));
  }

  /** What the script left in client_encoding, as the check's error names it. */
  private static Optional<String> setTo(StepFailedException step) {
    Matcher matcher = SET_TO.matcher(DriverCause.serverMessage(step.sqlCause()).orElse(""));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * Whether "client_encoding", or "names" after SET [SESSION | LOCAL] and not before "=" (SET NAMES), appears in any
   * case: one pass over the characters, as {@link SessionSettings} reads a script. "names" alone would add the check to
   * every script with a column of that name, and the check is a DO block, which a role without USAGE on PL/pgSQL
   * cannot run.
   */
  private static boolean mayNameTheEncoding(String sql) {
    for (int i = 0; i < sql.length(); i++) {
      int c = sql.charAt(i) | 0x20; // ASCII letters to lower case; what else it changes cannot match below
      if (c == 'n' && sql.regionMatches(true, i, "names", 0, 5) && afterSet(sql, i) && !assigned(sql, i + 5)
          || c == 'c' && sql.regionMatches(true, i, "client_encoding", 0, 15)) {
        return true;
      }
    }
    return false;
  }

  /** Whether "=" comes next after {@code index}, white space aside: an UPDATE's SET of a column called names. */
  private static boolean assigned(String sql, int index) {
    int next = index;
    while (next < sql.length() && Character.isWhitespace(sql.charAt(next))) {
      next++;
    }
    return next < sql.length() && sql.charAt(next) == '=';
  }

  /** Whether SET, SET SESSION or SET LOCAL and white space come just before {@code index}. */
  private static boolean afterSet(String sql, int index) {
    return SET_BEFORE.matcher(sql.substring(Math.max(0, index - 32), index)).find();
  }
}
