package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.PostgresMajor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.PostgresScriptSplitter;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.SqlStatement;
import io.quantagent.migrations.engine.StampRefusedException;
import io.quantagent.migrations.engine.StampResult;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.engine.UnmanagedDatabaseException;
import io.quantagent.migrations.events.EventLog;
import java.io.Reader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.migration.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Adopting a database Alembic built, on PostgreSQL 17 (the embedded default) and on the system's 15. */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class HandOverTest extends OnEachServer {
  private static final Path SCRIPTS = Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");
  private final List<Integer> scratchMajors = new ArrayList<>();

  private TestDatabase builtByAlembic() throws Exception {
    TestDatabase db = freshDatabase();
    ScriptSource scripts = ScriptSource.directory(SCRIPTS);
    for (Change change : scripts.loader().getMigrations()) {
      try (Reader reader = scripts.loader().getScriptReader(change, false)) {
        StringBuilder text = new StringBuilder();
        for (int c = reader.read(); c >= 0; c = reader.read()) {
          text.append((char) c);
        }
        for (SqlStatement statement : PostgresScriptSplitter.split(text.toString())) {
          db.execute(statement.sql());
        }
      }
    }
    db.execute("create table alembic_version (version_num varchar(32) primary key)");
    db.execute("insert into alembic_version values ('4f2e8a1c9b7d')");
    return db;
  }

  private Migrator migrator(TestDatabase db) {
    return new Migrator(db.connector()::connect, ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent());
  }

  /** The live database's own server builds the expected schema: same major, by construction. */
  private DriftCheck driftCheck(TestDatabase live) {
    ScratchDatabases scratch = sameServerScratch(scratchMajors);
    return new DriftCheck(live.connector()::connect,
        new ExpectedSchema(ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(), EventLog.silent()),
        scratch, TrackingTables.defaults(), EventLog.silent());
  }

  @Test
  void upgradeRefusesThenStampAdoptsAndDriftIsSeen() throws Exception {
    TestDatabase live = builtByAlembic();
    UnmanagedDatabaseException refused = assertThrows(UnmanagedDatabaseException.class,
        () -> migrator(live).upgrade(new Target.Head()));
    assertTrue(refused.getMessage().contains("7 tables") && refused.getMessage().contains("alembic_version = 4f2e8a1c9b7d")
        && refused.getMessage().contains("mvn quantagent:stamp -Dtarget=head"), refused.getMessage());
    assertEquals(List.of(), live.column("select tablename from pg_tables where tablename = 'changelog'"));

    StampResult stamped = migrator(live).stamp(new Target.Head(), driftCheck(live), false);
    assertTrue(stamped.verified());
    assertEquals(6, stamped.recorded().size());
    assertEquals(List.of(major(live)), scratchMajors, "the expected schema is built on the live server's major");
    assertEquals("20250101000006", migrator(live).current().current().orElseThrow().idText());
    assertTrue(migrator(live).check().passed());
    assertEquals(List.of("4f2e8a1c9b7d"), live.column("select version_num from alembic_version"));

    live.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)");
    live.execute("DROP INDEX idx_timestamp");
    assertEquals(List.of(
            "trades.risk_level: column in the database, not in the migrations (numeric(10,2))",
            "idx_timestamp: index in the migrations, not in the database"
                + " (CREATE INDEX idx_timestamp ON public.market_data USING btree (\"timestamp\"))"),
        driftCheck(live).differences(migrator(live).current().current().orElseThrow()));
  }

  @Test
  void stampRefusesAMissingTableAndWritesNothingUnlessForced() throws Exception {
    TestDatabase live = builtByAlembic();
    live.execute("DROP TABLE market_data");
    StampRefusedException refused = assertThrows(StampRefusedException.class,
        () -> migrator(live).stamp(new Target.Head(), driftCheck(live), false));
    assertTrue(refused.getMessage().contains("market_data: table in the migrations, not in the database"),
        refused.getMessage());
    assertEquals(List.of(), live.column("select tablename from pg_tables where tablename = 'changelog'"));

    StampResult forced = migrator(live).stamp(new Target.Revision("20250101000005"), driftCheck(live), true);
    assertTrue(forced.verified(), "up to 20250101000005 the schema does match: market_data comes in 000006");
    StampResult unverified = migrator(live).stamp(new Target.Head(), driftCheck(live), true);
    assertFalse(unverified.verified());
    assertEquals(List.of("unverified"), live.column("select stamp from changelog where id = 20250101000006"));
  }

  /** PostgreSQL keeps an index that a failed CREATE INDEX CONCURRENTLY left behind, marked invalid, never read. */
  @Test
  void anIndexLeftInvalidIsADifferenceThatStampRefuses() throws Exception {
    TestDatabase live = builtByAlembic();
    live.execute("DROP INDEX idx_symbol_timeframe_timestamp");
    live.execute("INSERT INTO market_data (symbol, timeframe, \"timestamp\", open, high, low, close, volume)"
        + " SELECT 'BTCUSDT', '1m', '2025-01-01 00:00:00+00', 1, 1, 1, 1, 0 FROM generate_series(1, 2)");
    SQLException duplicate = assertThrows(SQLException.class, () -> live.execute(
        "CREATE UNIQUE INDEX CONCURRENTLY idx_symbol_timeframe_timestamp ON market_data (symbol, timeframe, \"timestamp\")"));
    assertEquals("23505", duplicate.getSQLState());
    assertEquals("f", live.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_symbol_timeframe_timestamp'::regclass"));

    String invalid = "idx_symbol_timeframe_timestamp: index is INVALID (a failed CREATE INDEX CONCURRENTLY):"
        + " drop it and build it again";
    StampRefusedException refused = assertThrows(StampRefusedException.class,
        () -> migrator(live).stamp(new Target.Head(), driftCheck(live), false));
    assertTrue(refused.getMessage().contains(invalid), refused.getMessage());
    migrator(live).stamp(new Target.Head(), driftCheck(live), true);
    assertEquals(List.of(invalid), driftCheck(live).differences(migrator(live).current().current().orElseThrow()),
        "what check and diff report");
  }

  private static int major(TestDatabase db) throws SQLException {
    try (Connection c = db.connector().connect()) {
      return c.getMetaData().getDatabaseMajorVersion();
    }
  }
}
