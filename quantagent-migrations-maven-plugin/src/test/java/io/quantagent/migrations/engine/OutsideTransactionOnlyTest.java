package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which statements PostgreSQL refuses inside a transaction block, besides the CONCURRENTLY ones (each true case was
 * checked on PostgreSQL 15 and 17 with psql: "... cannot run inside a transaction block").
 */
class OutsideTransactionOnlyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "VACUUM;|true",
      "vacuum analyze trades;|true",
      "VACUUM (ANALYZE, VERBOSE) trades;|true",
      "CREATE DATABASE reports;|true",
      "drop database if exists reports;|true",
      "CREATE TABLESPACE fast LOCATION '/ssd';|true",
      "DROP TABLESPACE IF EXISTS fast;|true",
      "ALTER SYSTEM SET work_mem = '64MB';|true",
      "REINDEX DATABASE quantagent;|true",
      "reindex (verbose) system quantagent;|true",
      "CLUSTER;|true",
      "cluster verbose;|true",
      "DISCARD ALL;|true",
      "ANALYZE trades;|false",
      "DISCARD PLANS;|false",
      "CLUSTER trades USING trades_pkey;|false",
      "cluster trades;|false",
      "REINDEX TABLE trades;|false",
      "REINDEX DATABASE CONCURRENTLY quantagent;|false",
      "UPDATE vacuum_log SET done = true;|false",
      "CREATE TABLE database_sizes (name text);|false",
      "COMMENT ON DATABASE quantagent IS 'trading';|false"})
  void refusedInsideATransactionBlock(String sql, boolean refused) {
    assertEquals(refused, OutsideTransactionOnly.is(new SqlStatement(1, 1, sql)));
  }
}
