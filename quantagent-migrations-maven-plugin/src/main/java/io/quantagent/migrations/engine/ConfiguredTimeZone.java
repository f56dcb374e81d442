package io.quantagent.migrations.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The TimeZone a database or its login role is configured with ({@code ALTER DATABASE/ROLE ... SET timezone}), most
 * specific first as PostgreSQL applies them: the role in this database, the role, the database, every role. pgjdbc
 * sends the JVM's zone with the login, which overrides them all, so the runner sets it again from here: a migration's
 * {@code ::timestamptz} or {@code date_trunc} must not depend on the machine that runs Maven. The server's own default
 * ({@code postgresql.conf}) is not readable by an ordinary role, so it is not among them.
 */
public final class ConfiguredTimeZone {
  /** The zone, or no row. */
  static final String QUERY = "select substr(s, 10) from pg_db_role_setting d, unnest(d.setconfig) s"
      + " where lower(s) like 'timezone=%'"
      + " and d.setrole in (0, (select oid from pg_roles where rolname = session_user))"
      + " and d.setdatabase in (0, (select oid from pg_database where datname = current_database()))"
      + " order by d.setrole <> 0 desc, d.setdatabase <> 0 desc limit 1";

  private ConfiguredTimeZone() {}

  public static Optional<String> of(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }
}
