package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spellings of one definition that PostgreSQL prints apart compare equal once reprinted on the migrations' database;
 * real changes are still reported, with both original texts. "Restored" means re-created from PostgreSQL's own
 * printing of the migrations' definition, as pg_dump does.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class EquivalentDefinitionsTest extends OnEachServer {
  private static final String ORDERS = """
      create table orders (id bigint primary key, side varchar(4) not null, status varchar(16) not null,
        quantity numeric(20,8) not null, during tstzrange, created_at timestamptz not null);
      """;

  /** The differences that survive alignment, as a person reads them. */
  private List<String> drift(String migrationsSql, String databaseSql) throws SQLException {
    TestDatabase migrations = freshDatabase();
    TestDatabase database = freshDatabase();
    migrations.execute(migrationsSql);
    database.execute(databaseSql);
    SchemaSnapshot expected = snapshot(migrations);
    return SchemaComparison.compare(expected,
            EquivalentDefinitions.align(expected, snapshot(database), migrations.connections()))
        .stream().map(SchemaDifference::describe).toList();
  }

  /** {@code sql} run on a database, then the text PostgreSQL prints for it by {@code printing}. */
  private String printed(String sql, String printing) throws SQLException {
    TestDatabase db = freshDatabase();
    db.execute(sql);
    return db.value("set search_path = ''; " + printing);
  }

  @Test
  void checkWithInAndItsRestoredAnyArrayPrintApartButAreTheSame() throws Exception {
    String script = ORDERS + "alter table orders add constraint ck_side check (side in ('buy', 'sell'));";
    assertEquals(List.of(), drift(script, ORDERS + "alter table orders add constraint ck_side "
        + printed(script, "select pg_get_constraintdef(oid) from pg_constraint where conname = 'ck_side'")));
  }

  @Test
  void realDifferencesStayWithBothOriginalTexts() throws Exception {
    assertEquals(List.of("orders.ck_side: check constraint differs:"
            + " migrations have CHECK (side::text = ANY (ARRAY['buy'::character varying, 'sell'::character varying]::text[])),"
            + " database has CHECK (side::text = ANY (ARRAY['buy'::character varying::text, 'sell'::character varying::text, 'hold'::character varying::text]))"),
        drift(ORDERS + "alter table orders add constraint ck_side check (side in ('buy', 'sell'))",
            ORDERS + "alter table orders add constraint ck_side"
                + " check (side::text = any (array['buy'::varchar, 'sell'::varchar, 'hold'::varchar]::text[]))"));
  }
}
