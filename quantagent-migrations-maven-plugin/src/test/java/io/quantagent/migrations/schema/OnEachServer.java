package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.ConnectionFactory;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The base of the schema tests, which run once per {@link PostgresVersion}: a server per version, two fresh databases
 * per comparison, one migrated "by the migrations", the other "the database".
 */
abstract class OnEachServer {
  private static SchemaTestServer server;

  @Parameter
  PostgresVersion version;

  @BeforeParameterizedClassInvocation
  static void startServer(PostgresVersion version) {
    server = version.start();
  }

  @AfterParameterizedClassInvocation
  static void stopServer() {
    server.close();
  }

  SchemaTestServer.Database freshDatabase() throws SQLException {
    return server.freshDatabase();
  }

  /**
   * Scratch databases on this test's own server: the same major version as any live database here, by
   * construction. Each requested major is recorded in {@code majors}.
   */
  ScratchDatabases sameServerScratch(List<Integer> majors) {
    return major -> {
      majors.add(major);
      SchemaTestServer.Database database;
      try {
        database = freshDatabase();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return new ScratchDatabases.Scratch() {
        @Override
        public ConnectionFactory connections() {
          return database.connector()::connect;
        }

        @Override
        public void close() {}
      };
    };
  }

  /** The lines of {@code compare(migrations, database)}, both first built from {@code common}. */
  List<String> lines(String common, String migrationsOnly, String databaseOnly) throws SQLException {
    return differences(common, migrationsOnly, databaseOnly).stream().map(SchemaDifference::describe).toList();
  }

  List<SchemaDifference> differences(String common, String migrationsOnly, String databaseOnly) throws SQLException {
    SchemaTestServer.Database migrations = freshDatabase();
    SchemaTestServer.Database database = freshDatabase();
    migrations.execute(common);
    migrations.execute(migrationsOnly);
    database.execute(common);
    database.execute(databaseOnly);
    return SchemaComparison.compare(migrations.snapshot(), database.snapshot());
  }
}
