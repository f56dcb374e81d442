package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database migrated into a schema of its own (a role's search_path, or ?currentSchema= in the URL): its schema is
 * what the migrations build, so stamp, check and diff find no drift, and still find a real one.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class SchemaOutsidePublicTest extends OnEachServer {
  private static final Path SCRIPTS =
      Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");

  @Test
  void aDatabaseMigratedInItsOwnSchemaHasNoDriftUntilItDrifts() throws Exception {
    TestDatabase db = freshDatabase();
    db.execute("create schema trading");
    ConnectionFactory inTrading = () -> {
      Connection connection = db.connections().open();
      try (Statement statement = connection.createStatement()) {
        statement.execute("set search_path = trading");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return connection;
    };
    Migrator migrator = new Migrator(inTrading, ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent());
    migrator.upgrade(new Target.Head());
    DriftCheck drift = new DriftCheck(inTrading,
        new ExpectedSchema(ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(), EventLog.silent()),
        sameServerScratch(new ArrayList<>()), TrackingTables.defaults(), EventLog.silent());
    assertEquals(List.of(), drift.differences(migrator.current().current().orElseThrow()));

    db.execute("alter table trading.orders add column note text");
    List<String> differences = drift.differences(migrator.current().current().orElseThrow());
    assertEquals(1, differences.size(), differences.toString());
    assertTrue(differences.get(0).contains("note"), differences.toString());

    // Autogenerate drafts that one change, and proves it in the same schema.
    String draft = new Autogenerator(inTrading, ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(),
        sameServerScratch(new ArrayList<>()), EventLog.silent()).draft("add note").orElseThrow();
    String change = draft.substring(0, draft.indexOf("-- //@UNDO"));
    assertTrue(change.contains("ADD COLUMN \"note\" text"), draft);
    assertEquals(1, change.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).count(), draft);
  }

  /**
   * A baseline made with pg_dump creates the schema itself and empties the search_path (which the runner resets after
   * it): the scratch database must not have the schema before it, and must return to it after the reset.
   */
  @Test
  void aBaselineThatCreatesTheSchemaAndResetsThePathComparesAsItself(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("001_baseline.sql"), "-- // baseline\n"
        + "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE SCHEMA trading;\n"
        + "CREATE TABLE trading.orders (id bigint PRIMARY KEY);\n-- //@UNDO\nDROP SCHEMA trading CASCADE;\n");
    Files.writeString(dir.resolve("002_fills.sql"), "-- // fills\ncreate table fills (id bigint primary key,"
        + " order_id bigint references orders (id));\ncreate index fills_order on fills (order_id);\n-- //@UNDO\n"
        + "drop table fills;\n");
    TestDatabase db = freshDatabase();
    db.execute("alter database \"" + db.name() + "\" set search_path = trading, public");
    assertNoDrift(db, db.connections(), ScriptSource.directory(dir));
    assertEquals("trading", db.value("select schemaname from pg_tables where tablename = 'fills'"));

    // Restored from a dump into a database whose search_path is the schema alone, then compared, as stamp does.
    TestDatabase restored = freshDatabase();
    restored.execute("alter database \"" + restored.name() + "\" set search_path = trading");
    restored.execute("create schema trading", "create table trading.orders (id bigint primary key)",
        "create table trading.fills (id bigint primary key, order_id bigint references trading.orders (id))",
        "create index fills_order on trading.fills (order_id)");
    DriftCheck drift = new DriftCheck(restored.connections(), new ExpectedSchema(ScriptSource.directory(dir),
        MigratorSettings.defaults(), EventLog.silent()), sameServerScratch(new ArrayList<>()), TrackingTables.defaults(),
        EventLog.silent());
    Migrator scripts = new Migrator(restored.connections(), ScriptSource.directory(dir), "changelog",
        EventLog.silent());
    assertEquals(List.of(), drift.differences(scripts.history().get(1).migration()));
  }

  /** A role with a schema of its own name: the default search_path, "$user", public, builds there. */
  @Test
  void aSchemaOfTheRolesOwnNameComparesAsItself() throws Exception {
    TestDatabase db = freshDatabase();
    db.execute("create schema \"" + db.value("select current_user") + "\"");
    assertNoDrift(db, db.connections(), ScriptSource.directory(SCRIPTS));
    assertEquals(db.value("select current_user"), db.value("select schemaname from pg_tables where tablename ="
        + " 'orders'"));
  }

  /**
   * In public, with an extension's schema on the path too (Supabase's "$user", public, extensions): later scripts name
   * its functions and types unqualified, which the scratch database finds only through the same path.
   */
  @Test
  void anExtensionsSchemaOnThePathNextToPublicIsOnTheScratchPathToo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("001_extensions.sql"), "-- // extensions\ncreate schema if not exists extensions;\n"
        + "create extension hstore with schema extensions;\n-- //@UNDO\ndrop schema extensions cascade;\n");
    Files.writeString(dir.resolve("002_orders.sql"), "-- // orders\ncreate table orders (id bigint primary key,"
        + " attributes hstore not null default hstore('side', 'buy'));\n-- //@UNDO\ndrop table orders;\n");
    TestDatabase db = freshDatabase();
    db.execute("alter database \"" + db.name() + "\" set search_path = public, extensions");
    assertNoDrift(db, db.connections(), ScriptSource.directory(dir));
    assertEquals("public", db.value("select schemaname from pg_tables where tablename = 'orders'"));
  }

  private void assertNoDrift(TestDatabase db, ConnectionFactory live, ScriptSource scripts) throws Exception {
    Migrator migrator = new Migrator(live, scripts, "changelog", EventLog.silent());
    migrator.upgrade(new Target.Head());
    DriftCheck drift = new DriftCheck(live, new ExpectedSchema(scripts, MigratorSettings.defaults(), EventLog.silent()),
        sameServerScratch(new ArrayList<>()), TrackingTables.defaults(), EventLog.silent());
    assertEquals(List.of(), drift.differences(migrator.current().current().orElseThrow()));
  }
}
