package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.TestDatabase;
import io.quantagent.migrations.testing.PostgresMajor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The real QuantAgent schema, built by its own scripts with the engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class QuantagentSchemaTest extends OnEachServer {
  private static final Path SCRIPTS = Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");

  private TestDatabase migrated() throws SQLException {
    TestDatabase db = freshDatabase();
    new Migrator(db.connector()::connect, ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent())
        .upgrade(new Target.Head());
    return db;
  }

  @Test
  void theSchemaEqualsItself() throws Exception {
    SchemaSnapshot snapshot = snapshot(migrated());
    assertEquals(List.of("fills", "market_data", "orders", "positions", "signals", "trades"),
        List.copyOf(snapshot.tables().keySet()));
    assertEquals(List.of("idx_order_filled_at", "idx_status_symbol", "idx_symbol_closed_at", "idx_symbol_created_at",
            "idx_symbol_generated_at", "idx_symbol_opened_at", "idx_symbol_signal", "idx_symbol_timeframe_timestamp",
            "idx_timestamp"), List.copyOf(snapshot.indexes().keySet()));
    assertTrue(snapshot.sequences().isEmpty(), "identity sequences belong to their columns");
    assertEquals(List.of(), SchemaComparison.compare(snapshot, snapshot));
    assertEquals(List.of(), SchemaComparison.compare(snapshot, snapshot(migrated())));
  }

  @Test
  void anEditedCopyGivesExactlyItsTwoEdits() throws Exception {
    SchemaSnapshot migrations = snapshot(migrated());
    TestDatabase live = migrated();
    live.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)");
    live.execute("DROP INDEX idx_timestamp");
    assertEquals(List.of(
            "trades.risk_level: column in the database, not in the migrations (numeric(10,2))",
            "idx_timestamp: index in the migrations, not in the database"
                + " (CREATE INDEX idx_timestamp ON public.market_data USING btree (\"timestamp\"))"),
        SchemaComparison.compare(migrations, snapshot(live)).stream().map(SchemaDifference::describe).toList());
  }
}
