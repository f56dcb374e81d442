package io.quantagent.migrations.schema;

import io.quantagent.migrations.testing.PostgresMajor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

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

  @Test
  void functionOnOneSide() throws Exception {
    String add = "create function add(a integer, b integer) returns integer language sql as $$ select a + b $$;";
    assertEquals(List.of("add(integer, integer): function in the database, not in the migrations (returns integer, language sql)"),
        lines("", "", add));
    assertEquals(List.of("add(integer, integer): function in the migrations, not in the database (returns integer, language sql)"),
        lines("", add, ""));
  }

  @Test
  void overloadsAreTwoFunctions() throws Exception {
    assertEquals(List.of("add(bigint, bigint): function in the database, not in the migrations (returns bigint, language sql)"),
        lines("create function add(a integer, b integer) returns integer language sql as $$ select a + b $$;", "",
            "create function add(a bigint, b bigint) returns bigint language sql as $$ select a + b $$;"));
  }

  @Test
  void functionBody() throws Exception {
    assertEquals(List.of("touch(): function definition differs at line 6: migrations have \"new.updated_at := now();\","
            + " database has \"new.updated_at := clock_timestamp();\""),
        lines("", TOUCH.formatted("now()"), TOUCH.formatted("clock_timestamp()")));
  }

  @Test
  void functionAttributes() throws Exception {
    assertEquals(List.of("one(): function definition differs at line 4: migrations have \"IMMUTABLE\", database has \"AS $function$ select 1 $function$\""),
        lines("", "create function one() returns int language sql immutable as $$ select 1 $$",
            "create function one() returns int language sql as $$ select 1 $$"));
  }

  @Test
  void procedure() throws Exception {
    String purge = "create procedure purge() language sql as $$ delete from t $$;";
    assertEquals(List.of("purge(): procedure in the database, not in the migrations (language sql)"), lines(TABLE, "", purge));
    assertEquals(List.of("purge(): procedure definition differs at line 3: migrations have \"AS $procedure$ delete from t $procedure$\","
            + " database has \"AS $procedure$ delete from t where id < 0 $procedure$\""),
        lines(TABLE, purge, "create procedure purge() language sql as $$ delete from t where id < 0 $$;"));
  }

  @Test
  void trigger() throws Exception {
    String common = TABLE + TOUCH.formatted("now()");
    String trigger = "create trigger t_touch before update on t for each row execute function touch();";
    assertEquals(List.of("t.t_touch: trigger in the database, not in the migrations"
            + " (CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch())"),
        lines(common, "", trigger));
  }

  @Test
  void triggerWhenClause() throws Exception {
    String common = TABLE + TOUCH.formatted("now()");
    String trigger = "create trigger t_touch before update on t for each row when (%s) execute function touch();";
    assertEquals(List.of("t.t_touch: trigger differs:"
            + " migrations have CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW"
            + " WHEN (old.a IS DISTINCT FROM new.a) EXECUTE FUNCTION public.touch(),"
            + " database has CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW"
            + " WHEN (old.* IS DISTINCT FROM new.*) EXECUTE FUNCTION public.touch()"),
        lines(common, trigger.formatted("old.a is distinct from new.a"), trigger.formatted("old.* is distinct from new.*")));
  }

  @Test
  void disabledTrigger() throws Exception {
    String common = TABLE + TOUCH.formatted("now()")
        + "create trigger t_touch before update on t for each row execute function touch();";
    assertEquals(List.of("t.t_touch: trigger differs:"
            + " migrations have CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch(),"
            + " database has CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch() (disabled)"),
        lines(common, "", "alter table t disable trigger t_touch"));
  }

  @Test
  void view() throws Exception {
    assertEquals(List.of("v: view in the database, not in the migrations (SELECT 1 AS one;)"),
        lines("", "", "create view v as select 1 as one"));
    assertEquals(List.of("v: view query differs at line 1: migrations have \"SELECT 1 AS one;\", database has \"SELECT 2 AS one;\""),
        lines("", "create view v as select 1 as one", "create view v as select 2 as one"));
  }

  @Test
  void viewQueryOnALaterLine() throws Exception {
    String view = "create view big as select id, a from t where a > %d";
    List<String> lines = lines(TABLE, view.formatted(1), view.formatted(2));
    String where = version == PostgresMajor.V15 ? "WHERE t.a > " : "WHERE a > ";
    assertEquals(List.of("big: view query differs at line 4: migrations have \"" + where + "1;\", database has \"" + where + "2;\""),
        lines);
  }

  @Test
  void materializedView() throws Exception {
    assertEquals(List.of("mv: materialized view in the migrations, not in the database (SELECT 1 AS one;)"),
        lines("", "create materialized view mv as select 1 as one", ""));
    assertEquals(List.of("mv: materialized view query differs at line 1: migrations have \"SELECT 1 AS one;\","
            + " database has \"SELECT 2 AS one;\""),
        lines("", "create materialized view mv as select 1 as one", "create materialized view mv as select 2 as one"));
  }

  @Test
  void viewAndMaterializedViewOfOneName() throws Exception {
    assertEquals(List.of(
            "v: view in the migrations, not in the database (SELECT 1 AS one;)",
            "v: materialized view in the database, not in the migrations (SELECT 1 AS one;)"),
        lines("", "create view v as select 1 as one", "create materialized view v as select 1 as one"));
  }

  @Test
  void enumType() throws Exception {
    assertEquals(List.of("mood: enum type in the database, not in the migrations ('sad', 'happy')"),
        lines("", "", "create type mood as enum ('sad', 'happy')"));
  }

  @Test
  void enumLabels() throws Exception {
    assertEquals(List.of("mood: enum type labels differ: migrations have ('sad', 'happy'), database has ('sad', 'ok', 'happy')"),
        lines("create type mood as enum ('sad', 'happy');", "", "alter type mood add value 'ok' before 'happy'"));
  }

  @Test
  void sequence() throws Exception {
    assertEquals(List.of("order_numbers: sequence in the database, not in the migrations"
            + " (as bigint start 1 increment 1 minvalue 1 maxvalue 9223372036854775807 cache 1 no cycle)"),
        lines("", "", "create sequence order_numbers"));
    assertEquals(List.of("order_numbers: sequence differs:"
            + " migrations have as integer start 1000 increment 1 minvalue 1 maxvalue 2147483647 cache 1 no cycle,"
            + " database has as integer start 1000 increment 10 minvalue 1 maxvalue 2147483647 cache 1 cycle"),
        lines("create sequence order_numbers as integer start 1000;", "",
            "alter sequence order_numbers increment by 10 cycle"));
  }

  @Test
  void sequenceValuesAreNoDifference() throws Exception {
    assertEquals(List.of(), lines("create sequence s;", "select nextval('s')", "select setval('s', 500)"));
  }
}
