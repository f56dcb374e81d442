package io.quantagent.migrations.engine;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * A statement that sets the client encoding to anything but UTF8. pgjdbc, which the runner migrates with, reads and
 * writes UTF8 only: when the server reports another client_encoding it closes the connection, and a server that
 * reports it only when the round trip ends (PostgreSQL 14 and later) has by then read the statements sent with it in
 * that encoding (an é stored as Ã©). pg_dump writes {@code SET client_encoding = '...'} at the top of every dump, so a
 * baseline made from one has it. The run plan refuses such a statement before anything runs; the forms this reading
 * cannot see (a DO block's EXECUTE, set_config in a larger query) fail at the {@link ClientEncodingGuard} after a
 * transactional script, and {@link #changedBy} tells the driver's error apart where neither sees it (a function an
 * earlier migration made, a script without a transaction).
 */
public final class ClientEncoding {
  /** SET [SESSION | LOCAL] client_encoding {= | TO} value, SET NAMES value, or set_config's. */
  private static final SettingStatement SETS = new SettingStatement("client_encoding",
      "client_encoding\\s*(?:=|\\bto\\b)\\s*|names\\s+");
  private static final String CONNECTION_FAILURE = "08006";

  private ClientEncoding() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses. */
  public static boolean is(SqlStatement statement) {
    return setTo(statement).isPresent();
  }

  /** The encoding other than UTF8 that {@code statement} sets, as written (quotes and all). */
  public static Optional<String> setTo(SqlStatement statement) {
    return SETS.value(statement).filter(value -> !isUtf8(value));
  }

  /**
   * Whether pgjdbc closed the connection because the server reported a client_encoding other than UTF8. Its message,
   * in every translation it ships, names the setting, which no other error of a lost connection does.
   */
  static boolean changedBy(SQLException e) {
    SQLException cause = DriverCause.innermost(e);
    return CONNECTION_FAILURE.equals(cause.getSQLState()) && cause.getMessage() != null
        && cause.getMessage().contains("client_encoding");
  }

  /**
   * UTF8 as PostgreSQL reads an encoding's name (case, and every character but letters and digits, ignored), its
   * alias UNICODE, and DEFAULT: what the connection began with, the UTF8 that pgjdbc asks for.
   */
  private static boolean isUtf8(String value) {
    String name = value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    return name.equals("utf8") || name.equals("unicode") || name.equals("default");
  }
}
