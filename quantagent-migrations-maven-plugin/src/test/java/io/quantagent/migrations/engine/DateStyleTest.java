package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements set a DateStyle that writes dates other than as ISO, which pgjdbc cannot work with. */
class DateStyleTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "SET datestyle = 'German';|'German'",
      "set DateStyle to SQL, DMY;|SQL, DMY",
      "/* day first */ SET SESSION datestyle = 'Postgres, DMY'|'Postgres, DMY'",
      "SET LOCAL datestyle TO 'German', 'DMY';|'German', 'DMY'",
      "select pg_catalog.set_config('datestyle', 'SQL, MDY', false);|'SQL, MDY'",
      "SET datestyle = 'ISO, DMY';|",
      "SET datestyle TO DMY;|",
      "SET datestyle TO DEFAULT;|",
      "RESET datestyle;|",
      "UPDATE settings SET datestyle = 'German';|",
      "SET datestyles_seen = 'German';|"})
  void readsTheDateStyleAStatementSets(String sql, String nonIso) {
    assertEquals(Optional.ofNullable(nonIso), DateStyle.nonIsoOutput(new SqlStatement(1, 1, sql)));
  }
}
