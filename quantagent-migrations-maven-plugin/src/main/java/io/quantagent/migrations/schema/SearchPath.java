package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where a connection creates and finds unqualified names: its current schema and the schemas of its search_path. The
 * catalog prints a name qualified unless its schema is on the search_path, so a scratch database must build its
 * schema where the live one was built, or every index and foreign key of a database migrated into its own schema (a
 * role's search_path, {@code ?currentSchema=} in the URL, a role's own schema by {@code "$user"}) would differ from
 * it by its schema's name alone. In public too, the path's other schemas count: a script's unqualified
 * {@code gen_random_bytes()} finds an extension's function only through the path (Supabase's is
 * {@code "$user", public, extensions}).
 *
 * @param schema the current schema; null when no schema of the path exists
 * @param schemas the search_path's schemas that exist, {@code "$user"} resolved, in order
 */
record SearchPath(String schema, List<String> schemas) {
  /** Where a new database builds: for a model, which has no live database to follow. */
  static final SearchPath NEW_DATABASE = new SearchPath("public", List.of("public"));

  static SearchPath of(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_schema(), current_schemas(false)")) {
      rs.next();
      Array schemas = rs.getArray(2);
      return new SearchPath(rs.getString(1), List.of((String[]) schemas.getArray()));
    }
  }

  /**
   * {@code scratch}'s connections with this search_path, also after a script's {@code RESET search_path} (it is the
   * scratch database's own default), and with this current schema created there unless {@code createdByMigrations}
   * says the migrations create it themselves (a baseline made with pg_dump does).
   */
  ConnectionFactory on(ConnectionFactory scratch, Predicate<String> createdByMigrations) {
    if (schema == null || schemas.equals(NEW_DATABASE.schemas)) {
      return scratch; // where a new database builds anyway
    }
    boolean migrationsCreateIt = createdByMigrations.test(schema);
    List<String> onScratch = new ArrayList<>(schemas);
    if (migrationsCreateIt && !onScratch.contains("public")) {
      onScratch.add("public"); // where the changelog goes until the migrations have made the schema
    }
    String path = onScratch.stream().map(MigrationDraft::ident).collect(Collectors.joining(", "));
    // Every session then starts with the database's search_path, which a RESET returns to.
    return ScratchDefault.afterOnce(scratch, "Cannot build the scratch database in schema " + schema
        + " with search_path " + path + ", as the live database has them", statement -> {
          if (!migrationsCreateIt) {
            statement.execute("create schema if not exists " + MigrationDraft.ident(schema));
          }
          ScratchDefault.set(statement, "search_path to " + path);
        });
  }
}
