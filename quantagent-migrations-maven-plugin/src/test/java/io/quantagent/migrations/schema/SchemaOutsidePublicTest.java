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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
