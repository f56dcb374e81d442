package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements may leave the session a search_path, role or timeout that the runner resets after the migration. */
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
      "UPDATE orders SET status = 'open';|false",
      "CREATE TABLE settings (name text, value text);|false",
      "INSERT INTO reset_log VALUES (1);|false",
      "SET client_min_messages = warning;|false"})
  void mayChangeWhatTheRunnerReliesOn(String sql, boolean changes) {
    assertEquals(changes, SessionSettings.mayChange(List.of(new SqlStatement(1, 1, sql))));
  }
}
