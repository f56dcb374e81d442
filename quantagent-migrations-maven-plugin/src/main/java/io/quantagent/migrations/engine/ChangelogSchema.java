package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.SqlIdentifier;
import io.quantagent.migrations.db.UrlMasker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema a missing changelog would be created in: the first one on the session's search_path that exists. A DBA's
 * {@code ALTER ROLE app SET search_path = ''} (a hardening some guides advise), or one that names only a schema not
 * created yet, leaves none: the changelog could then be neither found (every goal would take the database for a new
 * one) nor created (the first migration would fail on it, and its error would blame the script). Where there is one,
 * the role that creates the changelog needs CREATE on it. Read in one round trip, where no changelog was found.
 *
 * @param schema the schema, null when the search_path names none that exists
 * @param owner who may grant CREATE on it (the database's owner for {@code pg_database_owner})
 * @param url the session's URL, masked
 */
record ChangelogSchema(String schema, ServerSetting searchPath, boolean creatable, String role, String owner,
    String url) {
  private static final String QUERY = "select current_schema(), current_setting('search_path'),"
      + " (select source from pg_settings where name = 'search_path'), session_user, current_database(),"
      + " coalesce(has_schema_privilege(current_schema(), 'CREATE'), true), current_user,"
      + " (select case when pg_get_userbyid(n.nspowner) = 'pg_database_owner' then (select pg_get_userbyid(datdba)"
      + " from pg_database where datname = current_database()) else pg_get_userbyid(n.nspowner) end"
      + " from pg_namespace n where n.nspname = current_schema())";

  static ChangelogSchema read(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
      rs.next();
      return new ChangelogSchema(rs.getString(1), new ServerSetting("search_path", rs.getString(2), rs.getString(3),
          rs.getString(4), rs.getString(5)), rs.getBoolean(6), rs.getString(7), rs.getString(8),
          UrlMasker.mask(connection.getMetaData().getURL()));
    }
  }

  /** Refuses when the search_path names no schema the changelog could be in. */
  void requireOne(String table) {
    if (schema != null) {
      return;
    }
    throw new InvalidDatabaseUrlException("Nothing was read or changed in " + url + ": the changelog"
        + " table " + table + " is found, and created, in the first schema of the session's search_path that exists,"
        + " and its search_path names none: " + searchPath.describe() + ". Name the schema the migrations are"
        + " recorded in on the URL (?currentSchema=public, or the schema of your own), give the role a search_path"
        + " that names it (ALTER ROLE " + SqlIdentifier.of(searchPath.role()) + " SET search_path = public), or"
        + " create the schema it names; then run the same command again.");
  }

  /**
   * Called where the changelog must be created: refuses when the role may not create it in its schema, before
   * anything runs (upgrade would fail in its first migration's transaction, naming no table) or is compared (stamp
   * would build its scratch schema first, then fail as a database error). PostgreSQL 15 and later give CREATE on
   * {@code public} to the database's owner only.
   *
   * @param nothingDone what the goal did not do, e.g. "Nothing was applied"
   */
  void requireCreatable(String table, String nothingDone, String goal) {
    if (creatable) {
      return;
    }
    String quotedSchema = SqlIdentifier.of(schema);
    String grantee = SqlIdentifier.of(role);
    String qualified = quotedSchema + "." + table;
    throw new MigrationFailureException(nothingDone + ": the changelog table " + table + " does not exist yet, and"
        + " the role " + role + " may not create it in schema " + schema + ", the first of its search_path: that"
        + " needs CREATE on the schema" + (schema.equals("public") ? ", which PostgreSQL 15 and later give on public"
        + " to the database's owner only" : "") + ". Have " + owner + " (the schema's owner) either grant"
        + " it\n    GRANT CREATE ON SCHEMA " + quotedSchema + " TO " + grantee + ";\n  or create the table, which the"
        + " role then only writes rows into:\n    " + Changelog.ddl(qualified).get(0) + ";\n    GRANT SELECT,"
        + " INSERT, UPDATE, DELETE ON " + qualified + " TO " + grantee + ";\n  then run the same mvn"
        + " quantagent:" + goal + " command again.");
  }
}
