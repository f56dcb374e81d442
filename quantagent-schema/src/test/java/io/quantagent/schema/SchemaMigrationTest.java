package io.quantagent.schema;

import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.CurrentState;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.MigrationRun;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UpgradeResult;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upgrading and downgrading the schema with the plugin's engine, each test on a fresh database. */
@ExtendWith(PostgresFixture.class)
class SchemaMigrationTest {
  static final List<String> MIGRATIONS = List.of(
      "20250101000001 (create orders)",
      "20250101000002 (create fills)",
      "20250101000003 (create positions)",
      "20250101000004 (create signals)",
      "20250101000005 (create trades)",
      "20250101000006 (create market data)");
  static final List<String> TABLES = List.of("fills", "market_data", "orders", "positions", "signals", "trades");

  private TestDatabase database;
  private Migrator migrator;

  @BeforeEach
  void createDatabase(TestDatabase database) {
    this.database = database;
    migrator = QuantagentScripts.migrator(database);
  }

  @Test
  void upgradeHeadAppliesTheSixMigrationsInDependencyOrder() throws Exception {
    UpgradeResult result = migrator.upgrade(Target.parseUpgrade("head"));

    assertEquals(MIGRATIONS, names(result.runs()));
    assertTrue(result.from().isEmpty(), "started at base");
    assertEquals("20250101000006", result.to().orElseThrow().idText());
    CurrentState state = migrator.current();
    assertEquals("20250101000006", state.current().orElseThrow().idText());
    assertEquals(6, state.applied());
    assertEquals(0, state.pending());
    try (Connection connection = database.connect()) {
      assertEquals(withChangelog(TABLES), SchemaCatalog.tables(connection));
    }
    assertTrue(migrator.upgrade(Target.parseUpgrade("head")).changedNothing(), "a second upgrade head is a no-op");
  }

  @Test
  void downgradeBaseLeavesOnlyTheChangelogAndUpgradeWorksAgain() throws Exception {
    migrator.upgrade(Target.parseUpgrade("head"));
    List<String> migrated;
    try (Connection connection = database.connect()) {
      migrated = SchemaCatalog.snapshot(connection);
    }

    UpgradeResult down = migrator.downgrade(Target.parseDowngrade("base"));

    List<String> newestFirst = new ArrayList<>(MIGRATIONS);
    Collections.reverse(newestFirst);
    assertEquals(newestFirst, names(down.runs()));
    assertTrue(down.to().isEmpty(), "at base");
    CurrentState state = migrator.current();
    assertTrue(state.current().isEmpty());
    assertEquals(0, state.applied());
    assertEquals(6, state.pending());
    try (Connection connection = database.connect()) {
      assertEquals(List.of(QuantagentScripts.CHANGELOG), SchemaCatalog.tables(connection));
      assertEquals(List.of(), SchemaCatalog.snapshot(connection), "no index, sequence or type is left behind");
    }

    UpgradeResult up = migrator.upgrade(Target.parseUpgrade("head"));

    assertEquals(MIGRATIONS, names(up.runs()));
    try (Connection connection = database.connect()) {
      assertEquals(withChangelog(TABLES), SchemaCatalog.tables(connection));
      assertEquals(migrated, SchemaCatalog.snapshot(connection));
    }
  }

  @Test
  void eachUndoRestoresExactlyTheSchemaBeforeItsMigration() throws Exception {
    for (String migration : MIGRATIONS) {
      List<String> before = snapshot();

      assertEquals(List.of(migration), names(migrator.upgrade(Target.parseUpgrade("+1")).runs()));
      List<String> after = snapshot();
      assertNotEquals(before, after, migration + " changed nothing");

      assertEquals(List.of(migration), names(migrator.downgrade(Target.parseDowngrade("-1")).runs()));
      assertEquals(before, snapshot(), "the UNDO of " + migration + " does not restore the schema before it");

      migrator.upgrade(Target.parseUpgrade("+1"));
      assertEquals(after, snapshot(), migration + " applied again differs from its first run");
    }
    assertEquals(0, migrator.current().pending());
  }

  private List<String> snapshot() throws Exception {
    try (Connection connection = database.connect()) {
      return SchemaCatalog.snapshot(connection);
    }
  }

  private static List<String> names(List<MigrationRun> runs) {
    return runs.stream().map(MigrationRun::migration).map(MigrationInfo::toString).toList();
  }

  private static List<String> withChangelog(List<String> tables) {
    return Stream.concat(tables.stream(), Stream.of(QuantagentScripts.CHANGELOG))
        .sorted().toList();
  }
}
