package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(PostgresFixture.class)
class DurationSettingTest {

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"2s, 2000", "500ms, 500", "10min, 600000", "1h, 3600000", "30, 30000", "0, 0", "off, 0", "OFF, 0",
      "' 3 s ', 3000"})
  void readsWhatUsersWrite(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), DurationSetting.parse(text, "-Dx"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({"2x", "-1s", "1.5s", "''", "forever"})
  void refusesTheRestNamingWhere(String text) {
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> DurationSetting.parse(text, "-Dquantagent.statementLockTimeout"));
    assertTrue(e.getMessage().startsWith("-Dquantagent.statementLockTimeout '" + text + "' is not a duration"),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} is the longest PostgreSQL takes")
  @CsvSource({"2147483647ms, 2147483647", "596h, 2145600000", "35791min, 2147460000", "2147483s, 2147483000"})
  void takesUpToPostgresLimit(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), DurationSetting.parse(text, "-Dx"));
  }

  @ParameterizedTest(name = "{0} is longer than PostgreSQL takes")
  @CsvSource({"720h, 2592000000", "2147483648ms, 2147483648", "35792min, 2147520000", "2147484, 2147484000",
      "999999999999h, 3599999999996400000"})
  void refusesWhatPostgresCannotTakeNamingTheLimitAndOff(String text, long millis) {
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> DurationSetting.parse(text, "-Dquantagent.statementTimeout"));
    assertEquals("-Dquantagent.statementTimeout '" + text + "' is " + millis + " ms, longer than PostgreSQL takes for a"
        + " timeout: at most 2147483647 ms (about 596h, or 24 days). Give at most 596h, or off for no limit.",
        e.getMessage());
  }

  /** The limit is PostgreSQL's, not a guess: the server takes the longest value, and refuses one millisecond more. */
  @Test
  void theLongestIsWhatPostgresTakes(TestDatabase database) throws Exception {
    String longest = DurationSetting.forPostgres(DurationSetting.LONGEST_FOR_POSTGRES);
    database.execute("set lock_timeout = " + longest, "set statement_timeout = " + longest);
    long oneMore = DurationSetting.LONGEST_FOR_POSTGRES.toMillis() + 1;
    SQLException e = assertThrows(SQLException.class, () -> database.execute("set statement_timeout = " + oneMore));
    assertEquals("22023", e.getSQLState(), e.getMessage());
  }

  @Test
  void everyTimeoutOfTheRunIsCheckedWhenItIsParsed() {
    InvalidSettingException statement = assertThrows(InvalidSettingException.class,
        () -> RunnerSettings.parse("2s", 5, "720h", "each"));
    assertTrue(statement.getMessage().startsWith("-Dquantagent.statementTimeout '720h' is 2592000000 ms, longer than"
        + " PostgreSQL takes"), statement.getMessage());
    InvalidSettingException lock = assertThrows(InvalidSettingException.class,
        () -> RunnerSettings.parse("720h", 5, "off", "each"));
    assertTrue(lock.getMessage().startsWith("-Dquantagent.statementLockTimeout '720h' is"), lock.getMessage());
    assertThrows(InvalidSettingException.class, () -> RunnerSettings.guardsLocks("720h"));
    for (String directive : List.of("quantagent:lock-timeout", "quantagent:statement-timeout")) {
      List<DirectiveComments.Problem> problems =
          DirectiveComments.of("-- // x\n-- " + directive + " 720h\nselect 1;\n").problems();
      assertEquals(1, problems.size(), problems.toString());
      assertEquals(2, problems.get(0).line());
      assertTrue(problems.get(0).message().startsWith("-- " + directive + " '720h' is 2592000000 ms, longer than"
          + " PostgreSQL takes"), problems.get(0).message());
    }
  }

  @Test
  void showsDurationsBack() {
    assertEquals("2 s", DurationSetting.show(Duration.ofSeconds(2)));
    assertEquals("500 ms", DurationSetting.show(Duration.ofMillis(500)));
    assertEquals("10 min", DurationSetting.show(Duration.ofMinutes(10)));
    assertEquals("1 min", DurationSetting.show(Duration.ofMinutes(1)));
    assertEquals("off", DurationSetting.show(Duration.ZERO));
  }
}
