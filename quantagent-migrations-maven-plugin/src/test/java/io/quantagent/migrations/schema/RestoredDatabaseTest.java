package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.StampResult;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UnmanagedDatabaseException;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The QuantAgent schema migrated to head, moved with {@code pg_dump --schema-only} and restored, is what the migrations
 * build: {@code stamp -Dtarget=head} adopts it (verified), and afterwards there is no drift. The restore is compared on
 * a scratch database of its own server's major version, as diff does.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class RestoredDatabaseTest extends OnEachServer {
  private static final Path SCRIPTS = Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");

  @TempDir
  Path dumps;
  private FreshDatabases servers;
  private Path scripts = SCRIPTS;

  @BeforeEach
  void bindServers(FreshDatabases servers) {
    this.servers = servers;
  }

  private Migrator migrator(TestDatabase db) {
    return new Migrator(db.connections(), ScriptSource.directory(scripts), "changelog", EventLog.silent());
  }

  private TestDatabase migratedToHead(TestDatabase db) {
    migrator(db).upgrade(new Target.Head());
    return db;
  }

  private DriftCheck driftCheck(TestDatabase live) {
    return new DriftCheck(live.connections(),
        new ExpectedSchema(ScriptSource.directory(scripts), MigratorSettings.defaults(), EventLog.silent()),
        sameServerScratch(new ArrayList<>()), TrackingTables.defaults(), EventLog.silent());
  }

  private TestDatabase restored(TestDatabase source, String name) throws Exception {
    Path dump = SchemaDump.dump(source, SchemaDump.pgDumpFor(source), dumps.resolve(name + ".sql"));
    TestDatabase target = freshDatabase();
    SchemaDump.restore(dump, target, servers.server(PostgresMajor.V15).binDirectory().resolve("psql"));
    return target;
  }

  /** stamp -Dtarget=head adopts it as verified; then check passes and diff finds nothing, not even a warning. */
  private void assertAdopted(TestDatabase restored) {
    StampResult stamped = migrator(restored).stamp(new Target.Head(), driftCheck(restored), false);
    assertTrue(stamped.verified());
    assertEquals(migrator(restored).history().size(), stamped.recorded().size());
    assertTrue(migrator(restored).check().passed());
    assertEquals(List.of(), driftCheck(restored).compare(migrator(restored).current().current()));
  }

  /** On 15: restored into 15. On 17: the move to a new major version, compared on a 17 scratch database. */
  @Test
  void aDumpFromPostgres15ThenAHandEditDraftsOnlyTheEdit() throws Exception {
    TestDatabase restored = restored(migratedToHead(servers.create(PostgresMajor.V15)), "from-15");
    assertAdopted(restored);
    restored.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)");
    String draft = new Autogenerator(restored.connections(), ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(),
        sameServerScratch(new ArrayList<>()), EventLog.silent()).draft("risk level").orElseThrow();
    assertEquals(List.of("ALTER TABLE \"public\".\"trades\" ADD COLUMN \"risk_level\" numeric(10,2);"),
        draft.substring(0, draft.indexOf("-- //@UNDO")).lines().filter(l -> !l.isBlank() && !l.startsWith("--")).toList());
  }

  /**
   * The same schema dumped and restored twice in a row, each time with pg_dump of this server's version. The restore
   * has the changelog table, empty: upgrade refuses it rather than run every migration again.
   */
  @Test
  void aDumpOfARestore() throws Exception {
    TestDatabase source = migratedToHead(freshDatabase());
    SchemaDump.pgDumpFor(source);
    TestDatabase once = restored(source, "once");
    UnmanagedDatabaseException refused = assertThrows(UnmanagedDatabaseException.class,
        () -> migrator(once).upgrade(new Target.Head()));
    assertTrue(refused.getMessage().contains(" and an empty changelog table (changelog), as a restore of pg_dump"
        + " --schema-only leaves it") && refused.getMessage().contains("mvn quantagent:stamp -Dtarget=head"),
        refused.getMessage());
    assertEquals(List.of(), once.changelogIds(), "the refused upgrade recorded nothing");
    assertAdopted(once);
    assertAdopted(restored(once, "twice"));
  }

  /**
   * A dump of a database at its first migration: the restore has that migration's table beside the changelog, empty, as
   * a first run that stopped part way could leave it. The changelog's comment, which the dump keeps, says it is a
   * restore: upgrade refuses it, and stamp at that migration adopts it.
   */
  @Test
  void aDumpOfADatabaseAtItsFirstMigration() throws Exception {
    TestDatabase source = freshDatabase();
    migrator(source).upgrade(new Target.Revision("20250101000001"));
    TestDatabase restored = restored(source, "first");
    UnmanagedDatabaseException refused = assertThrows(UnmanagedDatabaseException.class,
        () -> migrator(restored).upgrade(new Target.Head()));
    assertTrue(refused.getMessage().startsWith("Nothing was changed: the database has 1 table (orders) and an empty"
        + " changelog table (changelog), as a restore of pg_dump --schema-only leaves it"), refused.getMessage());
    assertTrue(migrator(restored).stamp(new Target.Revision("20250101000001"), driftCheck(restored), false).verified());
    assertEquals(5, migrator(restored).upgrade(new Target.Head()).runs().size());
  }

  /** A body in standard SQL is stored parsed, and the restore prints its IN (...) another way, as a CHECK's. */
  @Test
  void aFunctionWithAStandardSqlBody(@TempDir Path withFunction) throws Exception {
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path file : files.toList()) {
        Files.copy(file, withFunction.resolve(file.getFileName()));
      }
    }
    Files.writeString(withFunction.resolve("20250101000007_count_trades.sql"), "-- // count trades\n"
        + "create function buys() returns bigint language sql\nbegin atomic\n"
        + "  select count(*) from trades where side in ('buy', 'sell');\nend;\n-- //@UNDO\ndrop function buys();\n");
    scripts = withFunction;
    TestDatabase restored = restored(migratedToHead(freshDatabase()), "atomic");
    assertAdopted(restored);
  }
}
