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
    assertEquals(new Target.Head(), Target.parseUpgrade(" "), "-Dtarget= with nothing after it");
    assertEquals(new Target.Head(), Target.parseUpgrade(" HEAD "));
    assertEquals(new Target.Relative(2), Target.parseUpgrade("+2"));
    assertEquals(new Target.Revision("20250101000003"), Target.parseUpgrade("20250101000003"));
  }

  @Test
  void downgradeForms() {
    assertEquals(new Target.Relative(1), Target.parseDowngrade(null));
    assertEquals(new Target.Relative(1), Target.parseDowngrade(""), "-Dtarget= with nothing after it");
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

  @Test
  void stampForms() {
    assertEquals(new Target.Head(), Target.parseStamp(null));
    assertEquals(new Target.Revision("20250101000003"), Target.parseStamp("20250101000003"));
  }

  /** Alembic's stamp base: the advice must not be downgrade, which runs the undo scripts stamp exists to avoid. */
  @ParameterizedTest
  @ValueSource(strings = {"base", "-1", "+1"})
  void stampRefusesStepsAndBaseAndSaysWhatRecordsNothing(String text) {
    InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> Target.parseStamp(text));
    assertTrue(e.getMessage().startsWith("stamp takes -Dtarget=head or -Dtarget=<id>, the migration whose schema the"
        + " database has, not '" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("drop its changelog table, which leaves the schema as it is"), e.getMessage());
    assertTrue(!e.getMessage().contains("Use mvn quantagent:downgrade"), e.getMessage());
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
        () -> parse(goal, text));
    assertTrue(e.getMessage().contains(says) && e.getMessage().contains(mentions), e.getMessage());
  }

  @Test
  void aTargetOfTheOtherGoalIsSuggestedOnlyWhenThatGoalTakesIt() {
    assertEquals("upgrade cannot go to '-2': that is a downgrade target. Use mvn quantagent:downgrade -Dtarget=-2.",
        message(() -> Target.parseUpgrade("-2")));
    assertEquals("upgrade cannot go to '-0', and it is no valid downgrade target either: -Dtarget=-0 asks for zero"
        + " migrations; give -1 or more. Upgrade takes head, +N (the next N pending migrations) or a migration id.",
        message(() -> Target.parseUpgrade("-0")));
    assertEquals("downgrade cannot go to '+0', and it is no valid upgrade target either: -Dtarget=+0 asks for zero"
        + " migrations; give +1 or more. Downgrade takes -N (undo the last N migrations), base (undo all) or a"
        + " migration id.", message(() -> Target.parseDowngrade("+0")));
  }

  @Test
  void aHugeCountIsCalledTooManyNotNoNumber() {
    assertEquals("-Dtarget=-99999999999999999999 asks for 99999999999999999999 migrations, more than downgrade counts"
        + " (at most -999999); to downgrade all of them, use -Dtarget=base.",
        message(() -> Target.parseDowngrade("-99999999999999999999")));
    assertEquals(new Target.Relative(7), Target.parseUpgrade("+0000007"));
    assertEquals(new Target.Relative(999999), Target.parseDowngrade("-999999"), "the most the message offers");
  }

  /** Every "mvn quantagent:<goal> -Dtarget=<t>" a message suggests is one that goal accepts. */
  @ParameterizedTest
  @ValueSource(strings = {"-0", "-1", "-x", "-", "-99999999999999999999", "+0", "+1", "+x", "head", "base", "tip",
      "-00", "+99999999999999999999"})
  void everySuggestedCommandWorks(String text) {
    for (String goal : new String[] {"upgrade", "downgrade"}) {
      String message;
      try {
        parse(goal, text);
        continue;
      } catch (InvalidTargetException e) {
        message = e.getMessage();
      }
      java.util.regex.Matcher suggestion =
          java.util.regex.Pattern.compile("mvn quantagent:(upgrade|downgrade) -Dtarget=(\\S+?)\\.?(?:\\s|$)")
              .matcher(message);
      while (suggestion.find()) {
        String suggested = suggestion.group(2);
        String suggestedGoal = suggestion.group(1);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> parse(suggestedGoal, suggested), message);
      }
    }
  }

  private static Target parse(String goal, String text) {
    return goal.equals("upgrade") ? Target.parseUpgrade(text) : Target.parseDowngrade(text);
  }

  private static String message(org.junit.jupiter.api.function.Executable parse) {
    return assertThrows(InvalidTargetException.class, parse).getMessage();
  }
}
