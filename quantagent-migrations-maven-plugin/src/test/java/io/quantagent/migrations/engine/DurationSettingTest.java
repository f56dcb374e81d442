package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @Test
  void showsDurationsBack() {
    assertEquals("2 s", DurationSetting.show(Duration.ofSeconds(2)));
    assertEquals("500 ms", DurationSetting.show(Duration.ofMillis(500)));
    assertEquals("10 min", DurationSetting.show(Duration.ofMinutes(10)));
    assertEquals("off", DurationSetting.show(Duration.ZERO));
  }
}
