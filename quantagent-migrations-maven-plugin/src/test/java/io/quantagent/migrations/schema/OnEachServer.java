package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;

/**
 * The base of the schema tests, which run once per {@link PostgresMajor} ({@code @ParameterizedClass} with
 * {@code @EnumSource(PostgresMajor.class)}): fresh databases on that version, two per comparison, one migrated "by
 * the migrations", the other "the database".
 */
@ExtendWith(PostgresFixture.class)
abstract class OnEachServer {
  @Parameter
  PostgresMajor version;

  private FreshDatabases databases;

  @BeforeEach
  void bindDatabases(FreshDatabases databases) {
    this.databases = databases;
  }

  TestDatabase freshDatabase() {
    return databases.create(version);
  }

  static SchemaSnapshot snapshot(TestDatabase db) throws SQLException {
    return snapshot(db, TrackingTables.defaults(), "public");
  }

  static SchemaSnapshot snapshot(TestDatabase db, TrackingTables tracking, String schema) throws SQLException {
    try (Connection c = db.connect()) {
      return new CatalogReader(tracking).read(c, schema);
    }
  }

  /**
   * Scratch databases on this test's own server: the same major version as any live database here, by
   * construction. Each requested major is recorded in {@code majors}.
   */
  ScratchDatabases sameServerScratch(List<Integer> majors) {
    return major -> {
      majors.add(major);
      return scratchOf(freshDatabase());
    };
  }

  /** {@code database} as a scratch database; the test's end drops it, as every fresh database. */
  static ScratchDatabases.Scratch scratchOf(TestDatabase database) {
    return new ScratchDatabases.Scratch() {
      @Override
      public ConnectionFactory connections() {
        return database.connections();
      }

      @Override
      public void close() {}
    };
  }

  /** The lines of {@code compare(migrations, database)}, both first built from {@code common}. */
  List<String> lines(String common, String migrationsOnly, String databaseOnly) throws SQLException {
    return differences(common, migrationsOnly, databaseOnly).stream().map(SchemaDifference::describe).toList();
  }

  List<SchemaDifference> differences(String common, String migrationsOnly, String databaseOnly) throws SQLException {
    TestDatabase migrations = freshDatabase();
    TestDatabase database = freshDatabase();
    migrations.execute(common, migrationsOnly);
    database.execute(common, databaseOnly);
    return SchemaComparison.compare(snapshot(migrations), snapshot(database));
  }
}
