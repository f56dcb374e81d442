package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.CatalogFingerprint;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * current, history, check and diff only read: the catalog and the changelog are the same, to the transaction that
 * last wrote each row, before and after each of them, on our changelog and on one stock MyBatis wrote.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class ReadOnlyGoalsTest extends OnEachServer {
  private static final Path SCRIPTS =
      Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");

  private void assertEachGoalReadsOnly(TestDatabase db) throws Exception {
    Migrator migrator = new Migrator(db.connections(), ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent());
    DriftCheck drift = new DriftCheck(db.connections(),
        new ExpectedSchema(ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(), EventLog.silent()),
        sameServerScratch(new ArrayList<>()), TrackingTables.defaults(), EventLog.silent());
    String before = CatalogFingerprint.of(db, "changelog");
    migrator.current();
    assertEquals(before, CatalogFingerprint.of(db, "changelog"), "current wrote");
    migrator.history();
    assertEquals(before, CatalogFingerprint.of(db, "changelog"), "history wrote");
    migrator.check();
    assertEquals(before, CatalogFingerprint.of(db, "changelog"), "check wrote");
    drift.compare(migrator.current().current());
    assertEquals(before, CatalogFingerprint.of(db, "changelog"), "diff wrote");
  }

  @Test
  void onOurChangelog() throws Exception {
    TestDatabase db = freshDatabase();
    new Migrator(db.connections(), ScriptSource.directory(SCRIPTS), "changelog", EventLog.silent())
        .upgrade(new Target.Relative(4));
    db.execute("alter table orders add column note text"); // drift, so that diff has something to find
    assertEachGoalReadsOnly(db);
  }

  @Test
  void onAChangelogStockMybatisWrote() throws Exception {
    TestDatabase db = freshDatabase();
    db.execute("create table changelog (id numeric(20,0) not null primary key, applied_at varchar(25) not null,"
        + " description varchar(255) not null)");
    db.execute("insert into changelog values (20250101000001, '2025-01-01 00:00:01', 'create orders')");
    assertFalse(CatalogFingerprint.of(db, "changelog").contains(".checksum"));
    assertEachGoalReadsOnly(db);
  }
}
