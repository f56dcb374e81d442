package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements set a client encoding other than UTF8, which pgjdbc cannot work in. */
class ClientEncodingTest {

  @ParameterizedTest
  @ValueSource(strings = {"SET client_encoding = 'LATIN1';", "set client_encoding to latin1", "SET NAMES 'WIN1252';",
      "SET SESSION client_encoding TO \"LATIN1\";", "set local client_encoding='SQL_ASCII'",
      "-- from the dump\nSET client_encoding = 'LATIN1';", "SELECT pg_catalog.set_config('client_encoding', 'LATIN1', false);",
      "select set_config('CLIENT_ENCODING', 'latin1', true)"})
  void otherEncodingsAreSeenInEveryStatementForm(String sql) {
    assertEquals(true, ClientEncoding.setTo(new SqlStatement(1, 1, sql)).isPresent(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SET client_encoding = 'UTF8';", "set client_encoding to 'utf-8'", "SET NAMES 'UNICODE';",
      "set client_encoding = default", "RESET client_encoding;", "SELECT pg_catalog.set_config('client_encoding', 'UTF8',"
      + " false);", "SET standard_conforming_strings = on;", "update t set client_encoding = 'LATIN1'",
      "comment on table t is 'SET client_encoding = ''LATIN1'''"})
  void utf8AndOtherStatementsAreLeftAlone(String sql) {
    assertEquals(Optional.empty(), ClientEncoding.setTo(new SqlStatement(1, 1, sql)), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SET client_encoding = 'LATIN1';", "SET NAMES 'LATIN1';"})
  void theEncodingIsNamedAsWritten(String sql) {
    assertEquals(Optional.of("'LATIN1'"), ClientEncoding.setTo(new SqlStatement(1, 1, sql)));
  }
}
