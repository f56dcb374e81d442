package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.PostgresMajor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@EnumSource(PostgresMajor.class)
class TableDifferencesTest extends OnEachServer {
  private static final String TABLE_WITH_DEPENDENTS = """
      create table extra (id int primary key, v int check (v > 0), w int);
      create index extra_w on extra (w);
      create function f() returns trigger language plpgsql as $$ begin return new; end $$;
      create trigger extra_t before insert on extra for each row execute function f();
      """;
  private static final String TRIGGER_FUNCTION =
      "create function f() returns trigger language plpgsql as $$ begin return new; end $$;";
  private static final String TRADES = "create table trades (id bigint primary key, symbol varchar(32) not null);";

  @ParameterizedTest(name = "{argumentSetName}")
  @MethodSource
  void tableDifferences(String common, String migrationsOnly, String databaseOnly, List<String> expected,
      TestInfo testInfo) throws Exception {
    assertEquals(expected, lines(common, migrationsOnly, databaseOnly), testInfo.getDisplayName());
  }

  static Stream<Arguments> tableDifferences() {
    return Stream.of(
        argumentSet("table only in the database is one line, without its constraints, indexes and triggers",
            "", TRIGGER_FUNCTION, TABLE_WITH_DEPENDENTS,
            List.of("extra: table in the database, not in the migrations (3 columns)")),
        argumentSet("table only in the migrations is one line, without its constraints, indexes and triggers",
            "", TABLE_WITH_DEPENDENTS, TRIGGER_FUNCTION,
            List.of("extra: table in the migrations, not in the database (3 columns)")),
        argumentSet("table without columns",
            "", "", "create table empty ()",
            List.of("empty: table in the database, not in the migrations (0 columns)")),
        argumentSet("column only in the database",
            TRADES, "", "alter table trades add column risk_level numeric(10,2)",
            List.of("trades.risk_level: column in the database, not in the migrations (numeric(10,2))")),
        argumentSet("column only in the migrations, with not null and its default",
            TRADES, "alter table trades add column risk_level numeric(10,2) not null default 0", "",
            List.of("trades.risk_level: column in the migrations, not in the database (numeric(10,2) not null default 0)")),
        argumentSet("column type: numeric precision and scale",
            "", "create table t (price numeric(20,8))", "create table t (price numeric(10,2))",
            List.of("t.price: column type differs: migrations have numeric(20,8), database has numeric(10,2)")),
        argumentSet("column type: varchar against text",
            "", "create table t (name varchar(32))", "create table t (name text)",
            List.of("t.name: column type differs: migrations have character varying(32), database has text")),
        argumentSet("column collation",
            "", "create table t (name text)", "create table t (name text collate \"C\")",
            List.of("t.name: column type differs: migrations have text, database has text COLLATE pg_catalog.\"C\"")),
        argumentSet("column of an enum type is schema-qualified",
            "create type mood as enum ('sad', 'happy');", "create table t (m mood)", "create table t (m text)",
            List.of("t.m: column type differs: migrations have public.mood, database has text")),
        argumentSet("column nullability",
            "", "create table t (a int not null)", "create table t (a int)",
            List.of("t.a: column nullability differs: migrations have not null, database has nullable")),
        argumentSet("column default: another expression",
            "", "create table t (status varchar(16) default 'pending')", "create table t (status varchar(16) default 'open')",
            List.of("t.status: column default differs: migrations have default 'pending'::character varying,"
                + " database has default 'open'::character varying")),
        argumentSet("column default: only in the migrations",
            "", "create table t (at timestamptz default now())", "create table t (at timestamptz)",
            List.of("t.at: column default differs: migrations have default now(), database has no default")),
        argumentSet("column identity: by default against always",
            "", "create table t (id bigint generated by default as identity)",
            "create table t (id bigint generated always as identity)",
            List.of("t.id: column identity differs: migrations have generated by default as identity,"
                + " database has generated always as identity")),
        argumentSet("column identity: only in the migrations",
            "", "create table t (id bigint not null generated by default as identity)", "create table t (id bigint not null)",
            List.of("t.id: column identity differs: migrations have generated by default as identity,"
                + " database has no identity")),
        argumentSet("identity sequence belongs to its column",
            "", "create table t (id bigint generated always as identity)",
            "create table t (id bigint generated always as identity (start with 100))",
            List.of("t.id: column sequence differs: migrations have as bigint start 1 increment 1 minvalue 1"
                + " maxvalue 9223372036854775807 cache 1 no cycle, database has as bigint start 100 increment 1 minvalue 1"
                + " maxvalue 9223372036854775807 cache 1 no cycle")),
        argumentSet("serial column keeps its sequence",
            "create table t (id serial)", "", "alter sequence t_id_seq increment by 5",
            List.of("t.id: column sequence differs: migrations have as integer start 1 increment 1 minvalue 1"
                + " maxvalue 2147483647 cache 1 no cycle, database has as integer start 1 increment 5 minvalue 1"
                + " maxvalue 2147483647 cache 1 no cycle")),
        argumentSet("generated column expression",
            "", "create table t (a int, b int generated always as (a * 2) stored)",
            "create table t (a int, b int generated always as (a * 3) stored)",
            List.of("t.b: column generation differs: migrations have generated always as (a * 2) stored,"
                + " database has generated always as (a * 3) stored")),
        argumentSet("a column added at the end changes no order",
            "create table t (a int, b int)", "alter table t add column c int", "",
            List.of("t.c: column in the migrations, not in the database (integer)")),
        argumentSet("dropped columns are gone",
            "", "create table t (a int, c int)", "create table t (a int, b int, c int); alter table t drop column b",
            List.of()));
  }

  @Test
  void columnOrderAloneIsOnlyAWarning() throws Exception {
    List<SchemaDifference> differences = differences("",
        "create table t (id int, a text, b text)", "create table t (id int, b text, a text, c int)");
    assertEquals(List.of(
            "t: column order differs: migrations have (id, a, b), database has (id, b, a)",
            "t.c: column in the database, not in the migrations (integer)"),
        differences.stream().map(SchemaDifference::describe).toList());
    assertEquals(List.of(SchemaDifference.Severity.WARNING, SchemaDifference.Severity.DIFFERENCE),
        differences.stream().map(SchemaDifference::severity).toList());
  }
}
