package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

  @Test
  void upgradeForms() {
    assertEquals(new Target.Head(), Target.parseUpgrade("head"));
    assertEquals(new Target.Head(), Target.parseUpgrade(null));
    assertEquals(new Target.Head(), Target.parseUpgrade(" HEAD "));
    assertEquals(new Target.Relative(2), Target.parseUpgrade("+2"));
    assertEquals(new Target.Revision("20250101000003"), Target.parseUpgrade("20250101000003"));
  }

  @Test
  void downgradeForms() {
    assertEquals(new Target.Relative(1), Target.parseDowngrade(null));
    assertEquals(new Target.Relative(3), Target.parseDowngrade("-3"));
    assertEquals(new Target.Base(), Target.parseDowngrade("base"));
    assertEquals(new Target.Revision("2025"), Target.parseDowngrade("2025"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+0", "+abc", "+", "+1.5", "+9999999", "tip", "2025-01-01", "-1", "base"})
  void badUpgradeTargetsAreNamed(String text) {
    InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> Target.parseUpgrade(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0", "-x", "-", "+1", "head", "latest"})
  void badDowngradeTargetsAreNamed(String text) {
    InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> Target.parseDowngrade(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  /** What the ITs that ran these through Maven asserted; one IT (upgrade-bad-target-fails) keeps the Maven path. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "upgrade   | base | upgrade cannot go to 'base': that is a downgrade target | mvn quantagent:downgrade -Dtarget=base",
      "upgrade   | +0   | -Dtarget=+0 asks for zero migrations                     | +0",
      "upgrade   | +abc | -Dtarget=+abc is not a valid upgrade target              | +abc",
      "downgrade | -0   | -Dtarget=-0 asks for zero migrations                     | -0",
      "downgrade | head | downgrade cannot go to 'head': that is an upgrade target | head"})
  void badTargetsSayWhatToTypeInstead(String goal, String text, String says, String mentions) {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> { Target target = goal.equals("upgrade") ? Target.parseUpgrade(text) : Target.parseDowngrade(text); });
    assertTrue(e.getMessage().contains(says) && e.getMessage().contains(mentions), e.getMessage());
  }
}
