package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements may leave the session a setting of their own, which the runner resets after the migration. */
class SessionSettingsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT pg_catalog.set_config('search_path', '', false);|true",
      "SET search_path = trading, public;|true",
      "set schema 'trading';|true",
      "SET SESSION lock_timeout = 0;|true",
      "SET ROLE app_owner;|true",
      "SET LOCAL statement_timeout = '1h';|true",
      "RESET ALL;|true",
      "DISCARD ALL;|true",
      "DO $$ BEGIN EXECUTE 'SET search_path = x'; END $$;|true",
      "DO $$ BEGIN EXECUTE 'SET DateStyle = German'; END $$;|true",
      "UPDATE orders SET status = 'open';|false",
      "CREATE TABLE settings (name text, value text);|false",
      "INSERT INTO reset_log VALUES (1);|false",
      "SET client_min_messages = warning;|true",
      "SET check_function_bodies = false;|true",
      "-- from pg_dump: SET row_security = off;|false",
      "/* from pg_dump */ SET row_security = off;|true",
      "/* a note */ reset timezone;|true",
      "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE;|true",
      "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;|false",
      "SET CONSTRAINTS ALL DEFERRED;|false",
      "UPDATE settings SET value = 'x' WHERE name = 'timezone';|false",
      "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'select 1' SET search_path = '';|true",
      "CREATE INDEX offset_idx ON orders (symbol);|false"})
  void mayChangeTheSession(String sql, boolean changes) {
    assertEquals(changes, SessionSettings.mayChange(List.of(new SqlStatement(1, 1, sql))));
  }
}
