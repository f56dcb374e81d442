package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog table name that is taken by another table is refused with what it is, and that table left alone; a
 * session that creates or widens the changelog sees it as it left it.
 */
@ExtendWith(PostgresFixture.class)
class ChangelogShapeTest {

  @Test
  void aTableOfAnotherShapeIsNamedAndLeftAlone(TestDatabase db, @TempDir Path dir) throws Exception {
    db.execute("create table orders (id bigint primary key, symbol text, qty int)");
    Migrator migrator = migrator(db, dir, "orders");
    for (Runnable goal : List.<Runnable>of(() -> migrator.upgrade(new Target.Head()), migrator::history,
        migrator::current, migrator::repair)) {
      MigrationFailureException e = assertThrows(MigrationFailureException.class, goal::run);
      assertEquals("The changelog table 'orders' (quantagent.changelogTable) already exists with another shape: it is"
          + " a table with the columns id, symbol, qty, where a changelog has the columns id, applied_at and"
          + " description. It is not a changelog, and nothing was read from it or changed in it. Choose a name no"
          + " table has: -Dquantagent.changelogTable or <changelogTable> (the default is changelog).", e.getMessage());
    }
    assertEquals(List.of("id", "symbol", "qty"),
        db.column("select attname from pg_attribute where attrelid = 'orders'::regclass and attnum > 0"));
  }

  @Test
  void aViewIsCalledAView(TestDatabase db, @TempDir Path dir) throws Exception {
    db.execute("create view recent as select 1 as id");
    MigrationFailureException e = assertThrows(MigrationFailureException.class,
        () -> migrator(db, dir, "recent").upgrade(new Target.Head()));
    assertEquals(true, e.getMessage().contains("it is a view, where a changelog has"), e.getMessage());
  }

  /** The session reads the table's shape once, and again after it altered the table itself. */
  @Test
  void aSessionSeesTheChangelogItCreatedOrWidened(TestDatabase db) throws Exception {
    try (Connection connection = db.connect()) {
      Changelog changelog = new Changelog(connection, "changelog");
      assertFalse(changelog.exists());
      changelog.createIfMissing();
      assertTrue(changelog.exists());
      changelog.insertStamped(new MigrationInfo(new BigDecimal(1), "create a"), "c1", true);
      changelog.insertStamped(new MigrationInfo(new BigDecimal(2), "create b"), "c2", false);
      assertEquals(Map.of(new BigDecimal(1), "c1", new BigDecimal(2), "c2"), changelog.checksums());
    }
    assertEquals(List.of("verified", "unverified"), db.column("select stamp from changelog order by id"));
  }

  private static Migrator migrator(TestDatabase db, Path dir, String changelog) {
    new Scripts(dir).add("001_create_a.sql", "create table a (id int);", "drop table a;");
    return new Migrator(db.connections(), ScriptSource.directory(dir), changelog, EventLog.silent());
  }
}
