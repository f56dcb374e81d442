package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which scripts get the check that their statements left the client encoding UTF8: a loose reading of the words. */
class ClientEncodingGuardTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "DO $$ BEGIN EXECUTE 'SET client_encoding = ''LATIN1'''; END $$;|true",
      "select set_config('client_encoding','LATIN1',false) from (values (1)) v;|true",
      "do $$ begin execute 'set NAMES ''LATIN1'''; end $$;|true",
      "SELECT pg_catalog.set_config('CLIENT_ENCODING', 'WIN1252', false) WHERE true;|true",
      "SET   names 'LATIN1';|true",
      "do $$ begin execute 'SET LOCAL NAMES ''LATIN1'''; end $$;|true",
      "do $$ begin execute 'set session names ''LATIN1'''; end $$;|true",
      "create table reset_names (id int);|false",
      "create table people (names text);|false",
      "update people set names = 'x';|false",
      "alter table people rename column names to full_names;|false",
      "create table notes (body text);|false",
      "insert into notes values ('café');|false",
      "SELECT pg_catalog.set_config('search_path', '', false);|false",
      "create table client (encoding text);|false"})
  void followsAStatementThatMayNameTheClientEncoding(String sql, boolean checked) {
    assertEquals(checked, ClientEncodingGuard.after(List.of(new SqlStatement(1, 1, sql))).isPresent());
  }

  @Test
  void oneCheckFollowsAScriptOfManyStatements() {
    assertEquals(Optional.of(ClientEncodingGuard.SQL), ClientEncodingGuard.after(List.of(
        new SqlStatement(1, 1, "create table notes (body text);"),
        new SqlStatement(2, 2, "select set_config('client_encoding','LATIN1',false) from (values (1)) v;"),
        new SqlStatement(3, 3, "insert into notes values ('café');"))));
  }
}
