package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.UrlMasker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema the changelog is found and created in: the first one on the session's search_path that exists. A DBA's
 * {@code ALTER ROLE app SET search_path = ''} (a hardening some guides advise), or one that names only a schema not
 * created yet, leaves none: the changelog could then be neither found (every goal would take the database for a new
 * one) nor created (the first migration would fail on it, and its error would blame the script).
 */
final class ChangelogSchema {
  private static final String QUERY = "select current_schema() is not null, current_setting('search_path'),"
      + " (select source from pg_settings where name = 'search_path'), session_user, current_database()";

  private ChangelogSchema() {}

  /** Called where no changelog was found: refuses when the search_path names no schema it could be in. */
  static void require(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
      rs.next();
      if (rs.getBoolean(1)) {
        return;
      }
      ServerSetting searchPath = new ServerSetting("search_path", rs.getString(2), rs.getString(3), rs.getString(4),
          rs.getString(5));
      throw new InvalidDatabaseUrlException("Nothing was read or changed in " + UrlMasker.mask(connection.getMetaData()
          .getURL()) + ": the changelog table " + table + " is found, and created, in the first schema of the"
          + " session's search_path that exists, and its search_path names none: " + searchPath.describe() + ". Name"
          + " the schema the migrations are recorded in on the URL (?currentSchema=public, or the schema of your own),"
          + " give the role a search_path that names it (ALTER ROLE " + searchPath.role() + " SET search_path ="
          + " public), or create the schema it names; then run the same command again.");
    }
  }
}
