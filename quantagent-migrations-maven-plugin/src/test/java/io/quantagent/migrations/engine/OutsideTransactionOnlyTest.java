package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which statements PostgreSQL refuses inside a transaction block, besides the CONCURRENTLY ones (each true case was
 * checked on PostgreSQL 15 and 17 with psql: "... cannot run inside a transaction block"; the subscriptions' on 17,
 * and ALTER SUBSCRIPTION's from PostgreSQL's source, since it needs a publisher to get that far).
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
      "ALTER DATABASE quantagent SET TABLESPACE fast;|true",
      "alter database \"\"\"quant agent\"\"\" set tablespace fast;|true",
      "CREATE SUBSCRIPTION prices CONNECTION 'host=feed dbname=prices' PUBLICATION ticks;|true",
      "CREATE SUBSCRIPTION prices CONNECTION 'host=feed' PUBLICATION ticks WITH (copy_data = false);|true",
      "ALTER SUBSCRIPTION prices REFRESH PUBLICATION;|true",
      "ALTER SUBSCRIPTION prices SET PUBLICATION ticks, quotes;|true",
      "alter subscription prices add publication quotes with (copy_data = false);|true",
      "ALTER DATABASE quantagent SET work_mem = '64MB';|false",
      "ALTER DATABASE quantagent SET search_path TO tablespace_a;|false",
      "CREATE SUBSCRIPTION prices CONNECTION 'host=feed' PUBLICATION ticks WITH (connect = false);|false",
      "CREATE SUBSCRIPTION prices CONNECTION 'host=feed' PUBLICATION ticks WITH (enabled = false, create_slot = 'off');|false",
      "ALTER SUBSCRIPTION prices SET PUBLICATION ticks WITH (refresh = false);|false",
      "ALTER SUBSCRIPTION prices DISABLE;|false",
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
