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
class CodeAndTypeDifferencesTest extends OnEachServer {
  private static final String TABLE = "create table t (id int, a int, updated_at timestamptz);";
  private static final String TOUCH = """
      create function touch() returns trigger language plpgsql as $$
      begin
        new.updated_at := %s;
        return new;
      end $$;
      """;
  private static final String TABLE_AND_TOUCH = TABLE + TOUCH.formatted("now()");
  private static final String TOUCH_TRIGGER = "create trigger t_touch before update on t for each row execute function touch();";
  private static final String TOUCH_TRIGGER_WHEN =
      "create trigger t_touch before update on t for each row when (%s) execute function touch();";
  private static final String ADD = "create function add(a integer, b integer) returns integer language sql as $$ select a + b $$;";
  private static final String PURGE = "create procedure purge() language sql as $$ delete from t $$;";

  @ParameterizedTest(name = "{argumentSetName}")
  @MethodSource
  void codeAndTypeDifferences(String common, String migrationsOnly, String databaseOnly, List<String> expected,
      TestInfo testInfo) throws Exception {
    assertEquals(expected, lines(common, migrationsOnly, databaseOnly), testInfo.getDisplayName());
  }

  static Stream<Arguments> codeAndTypeDifferences() {
    return Stream.of(
        argumentSet("function only in the database",
            "", "", ADD,
            List.of("add(integer, integer): function in the database, not in the migrations (returns integer, language sql)")),
        argumentSet("function only in the migrations",
            "", ADD, "",
            List.of("add(integer, integer): function in the migrations, not in the database (returns integer, language sql)")),
        argumentSet("overloads are two functions",
            ADD, "", "create function add(a bigint, b bigint) returns bigint language sql as $$ select a + b $$;",
            List.of("add(bigint, bigint): function in the database, not in the migrations (returns bigint, language sql)")),
        argumentSet("function body",
            "", TOUCH.formatted("now()"), TOUCH.formatted("clock_timestamp()"),
            List.of("touch(): function definition differs at line 6: migrations have \"new.updated_at := now();\","
                + " database has \"new.updated_at := clock_timestamp();\"")),
        argumentSet("function attributes",
            "", "create function one() returns int language sql immutable as $$ select 1 $$",
            "create function one() returns int language sql as $$ select 1 $$",
            List.of("one(): function definition differs at line 4: migrations have \"IMMUTABLE\","
                + " database has \"AS $function$ select 1 $function$\"")),
        argumentSet("procedure only in the database",
            TABLE, "", PURGE,
            List.of("purge(): procedure in the database, not in the migrations (language sql)")),
        argumentSet("procedure body",
            TABLE, PURGE, "create procedure purge() language sql as $$ delete from t where id < 0 $$;",
            List.of("purge(): procedure definition differs at line 3: migrations have \"AS $procedure$ delete from t $procedure$\","
                + " database has \"AS $procedure$ delete from t where id < 0 $procedure$\"")),
        argumentSet("trigger only in the database",
            TABLE_AND_TOUCH, "", TOUCH_TRIGGER,
            List.of("t.t_touch: trigger in the database, not in the migrations"
                + " (CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch())")),
        argumentSet("trigger when clause",
            TABLE_AND_TOUCH, TOUCH_TRIGGER_WHEN.formatted("old.a is distinct from new.a"),
            TOUCH_TRIGGER_WHEN.formatted("old.* is distinct from new.*"),
            List.of("t.t_touch: trigger differs:"
                + " migrations have CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW"
                + " WHEN (old.a IS DISTINCT FROM new.a) EXECUTE FUNCTION public.touch(),"
                + " database has CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW"
                + " WHEN (old.* IS DISTINCT FROM new.*) EXECUTE FUNCTION public.touch()")),
        argumentSet("disabled trigger",
            TABLE_AND_TOUCH + TOUCH_TRIGGER, "", "alter table t disable trigger t_touch",
            List.of("t.t_touch: trigger differs:"
                + " migrations have CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch(),"
                + " database has CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch() (disabled)")),
        argumentSet("view only in the database",
            "", "", "create view v as select 1 as one",
            List.of("v: view in the database, not in the migrations (SELECT 1 AS one;)")),
        argumentSet("view query",
            "", "create view v as select 1 as one", "create view v as select 2 as one",
            List.of("v: view query differs at line 1: migrations have \"SELECT 1 AS one;\", database has \"SELECT 2 AS one;\"")),
        argumentSet("materialized view only in the migrations",
            "", "create materialized view mv as select 1 as one", "",
            List.of("mv: materialized view in the migrations, not in the database (SELECT 1 AS one;)")),
        argumentSet("materialized view query",
            "", "create materialized view mv as select 1 as one", "create materialized view mv as select 2 as one",
            List.of("mv: materialized view query differs at line 1: migrations have \"SELECT 1 AS one;\","
                + " database has \"SELECT 2 AS one;\"")),
        argumentSet("view and materialized view of one name",
            "", "create view v as select 1 as one", "create materialized view v as select 1 as one",
            List.of(
                "v: view in the migrations, not in the database (SELECT 1 AS one;)",
                "v: materialized view in the database, not in the migrations (SELECT 1 AS one;)")),
        argumentSet("enum type only in the database",
            "", "", "create type mood as enum ('sad', 'happy')",
            List.of("mood: enum type in the database, not in the migrations ('sad', 'happy')")),
        argumentSet("enum type labels",
            "create type mood as enum ('sad', 'happy');", "", "alter type mood add value 'ok' before 'happy'",
            List.of("mood: enum type labels differ: migrations have ('sad', 'happy'), database has ('sad', 'ok', 'happy')")),
        argumentSet("sequence only in the database",
            "", "", "create sequence order_numbers",
            List.of("order_numbers: sequence in the database, not in the migrations"
                + " (as bigint start 1 increment 1 minvalue 1 maxvalue 9223372036854775807 cache 1 no cycle)")),
        argumentSet("sequence increment and cycle",
            "create sequence order_numbers as integer start 1000;", "", "alter sequence order_numbers increment by 10 cycle",
            List.of("order_numbers: sequence differs:"
                + " migrations have as integer start 1000 increment 1 minvalue 1 maxvalue 2147483647 cache 1 no cycle,"
                + " database has as integer start 1000 increment 10 minvalue 1 maxvalue 2147483647 cache 1 cycle")),
        argumentSet("sequence values are no difference",
            "create sequence s;", "select nextval('s')", "select setval('s', 500)",
            List.of()));
  }

  /** Not one of the cases above: PostgreSQL 15 prints the view's column qualified ({@code t.a}), 17 does not. */
  @Test
  void viewQueryOnALaterLine() throws Exception {
    String view = "create view big as select id, a from t where a > %d";
    List<String> lines = lines(TABLE, view.formatted(1), view.formatted(2));
    String where = version == PostgresMajor.V15 ? "WHERE t.a > " : "WHERE a > ";
    assertEquals(List.of("big: view query differs at line 4: migrations have \"" + where + "1;\", database has \"" + where + "2;\""),
        lines);
  }
}
