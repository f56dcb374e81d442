package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.db.ConnectionFactory;
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
    return drift(migrationsSql, databaseSql, false);
  }

  /** {@code unopened}: the scratch database must not be needed, as PostgreSQL's catalog already reads both alike. */
  private List<String> drift(String migrationsSql, String databaseSql, boolean unopened) throws SQLException {
    TestDatabase migrations = freshDatabase();
    TestDatabase database = freshDatabase();
    migrations.execute(migrationsSql);
    database.execute(databaseSql);
    SchemaSnapshot expected = snapshot(migrations);
    ConnectionFactory scratch = unopened ? () -> {
      throw new AssertionError("the scratch database was opened, yet no definition differs in text");
    } : migrations.connections();
    return SchemaComparison.compare(expected, EquivalentDefinitions.align(expected, snapshot(database), scratch))
        .stream().map(SchemaDifference::describe).toList();
  }

  /** {@code sql} run on a database, then the text PostgreSQL prints for it by {@code printing}. */
  private String printed(String sql, String printing) throws SQLException {
    TestDatabase db = freshDatabase();
    db.execute(sql, "set search_path = ''");
    return db.value(printing);
  }

  /** How pg_dump prints {@code side IN ('buy', 'sell')} of a varchar column, and a restore reads it back. */
  private static final String RESTORED_SIDE_IN =
      "((side)::text = ANY ((ARRAY['buy'::character varying, 'sell'::character varying])::text[]))";

  @Test
  void checkWrittenInAndRestoredFromItsDump() throws Exception {
    String script = ORDERS + "alter table orders add constraint ck_side check (side in ('buy', 'sell'));";
    assertEquals(List.of(), drift(script, ORDERS + "alter table orders add constraint ck_side "
        + printed(script, "select pg_get_constraintdef(oid) from pg_constraint where conname = 'ck_side'")));
    assertEquals(List.of(), drift(script, ORDERS + "alter table orders add constraint ck_side check " + RESTORED_SIDE_IN));
  }

  @Test
  void inAndAnyArrayOnText() throws Exception {
    assertEquals(List.of(), drift("create table t (side text check (side in ('buy', 'sell')))",
        "create table t (side text check (side = any (array['buy', 'sell'])))", true));
  }

  @Test
  void varcharAndCharacterVaryingIntAndInteger() throws Exception {
    assertEquals(List.of(), drift("create table t (id int primary key, symbol varchar(32), n int4)",
        "create table t (id integer primary key, symbol character varying(32), n integer)", true));
  }

  @Test
  void defaultNowAndItsReparsedText() throws Exception {
    String script = "create table t (at timestamptz default now(), status varchar(16) default 'pending')";
    assertEquals(List.of(), drift(script, "create table t (at timestamptz default "
        + printed(script, "select pg_get_expr(adbin, adrelid) from pg_attrdef where adnum = 1")
        + ", status varchar(16) default "
        + printed(script, "select pg_get_expr(adbin, adrelid) from pg_attrdef where adnum = 2") + ")", true));
  }

  @Test
  void checkWithAndWithoutRedundantParentheses() throws Exception {
    assertEquals(List.of(), drift(ORDERS + "alter table orders add constraint ck check (quantity > 0 and status <> '')",
        ORDERS + "alter table orders add constraint ck check ((((quantity > (0)::numeric)) and ((status)::text <> ''::text)))", true));
  }

  @Test
  void partialIndexPredicateWithInAndWithAny() throws Exception {
    assertEquals(List.of(), drift(ORDERS + "create index idx_open on orders (created_at) where status in ('open', 'new')",
        ORDERS + "create index idx_open on orders (created_at)"
            + " where ((status)::text = ANY ((ARRAY['open'::character varying, 'new'::character varying])::text[]))"));
  }

  /** Every kind of definition PostgreSQL deparses: exclusion WHERE, default, generated, view query, trigger WHEN. */
  @Test
  void everyDeparsedKindIsReprinted() throws Exception {
    String function = "create function f() returns trigger language plpgsql as $$ begin return new; end $$;";
    String written = "side in ('buy', 'sell')";
    String kinds = """
        alter table orders add column is_trade boolean default ('buy'::varchar(4) in ('buy', 'sell'));
        alter table orders add column trade boolean generated always as (%1$s) stored;
        alter table orders add constraint ex_during exclude using gist (during with &&) where (%1$s);
        create view trades as select id from orders where %1$s;
        create materialized view trades_m as select id from orders where %1$s;
        create trigger orders_t before update on orders for each row when (new.%1$s) execute function f();
        """;
    assertEquals(List.of(), drift(ORDERS + function + kinds.formatted(written),
        ORDERS + function + kinds.replace("new.%1$s", "(new.side)::text = ANY ((ARRAY['buy'::character varying,"
            + " 'sell'::character varying])::text[])").formatted(RESTORED_SIDE_IN)
            .replace("('buy'::varchar(4) in ('buy', 'sell'))", "(('buy'::character varying(4))::text = ANY"
                + " ((ARRAY['buy'::character varying, 'sell'::character varying])::text[]))")));
  }

  @Test
  void identicalSchemasAreNeverReprinted() throws Exception {
    String script = ORDERS + "alter table orders add constraint ck_side check (side in ('buy', 'sell'));"
        + " create index idx_open on orders (created_at) where status in ('open', 'new');";
    TestDatabase migrations = freshDatabase();
    TestDatabase database = freshDatabase();
    migrations.execute(script);
    database.execute(script);
    SchemaSnapshot live = snapshot(database);
    assertEquals(live, EquivalentDefinitions.align(snapshot(migrations), live, () -> {
      throw new AssertionError("the scratch database was opened for an identical schema");
    }));
  }

  @Test
  void aChangedCheckListIsReportedWithBothOriginalTexts() throws Exception {
    assertEquals(List.of("orders.ck_side: check constraint differs:"
            + " migrations have CHECK (side::text = ANY (ARRAY['buy'::character varying, 'sell'::character varying]::text[])),"
            + " database has CHECK (side::text = ANY (ARRAY['buy'::character varying::text, 'sell'::character varying::text,"
            + " 'hold'::character varying::text]))"),
        drift(ORDERS + "alter table orders add constraint ck_side check (side in ('buy', 'sell'))",
            ORDERS + "alter table orders add constraint ck_side check ((side)::text = ANY"
                + " ((ARRAY['buy'::character varying, 'sell'::character varying, 'hold'::character varying])::text[]))"));
  }

  @Test
  void aChangedDefaultIsReported() throws Exception {
    assertEquals(List.of("t.status: column default differs: migrations have default 'pending'::character varying,"
            + " database has default 'open'::character varying"),
        drift("create table t (status varchar(16) default 'pending')",
            "create table t (status varchar(16) default 'open'::character varying)"));
  }

  @Test
  void aChangedPredicateIsReported() throws Exception {
    assertEquals(List.of("idx_open: index differs: migrations have CREATE INDEX idx_open ON public.orders USING btree"
            + " (created_at) WHERE ((status)::text = ANY ((ARRAY['open'::character varying, 'new'::character varying])::text[])),"
            + " database has CREATE INDEX idx_open ON public.orders USING btree (created_at) WHERE ((status)::text = ANY"
            + " (ARRAY[('open'::character varying)::text, ('new'::character varying)::text, ('held'::character varying)::text]))"),
        drift(ORDERS + "create index idx_open on orders (created_at) where status in ('open', 'new')",
            ORDERS + "create index idx_open on orders (created_at) where ((status)::text = ANY"
                + " ((ARRAY['open'::character varying, 'new'::character varying, 'held'::character varying])::text[]))"));
  }
}
