package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MigrationPlannerTest {
  private static final List<MigrationInfo> SCRIPTS = IntStream.rangeClosed(1, 5).mapToObj(MigrationPlannerTest::m).toList();

  private static MigrationInfo m(int i) {
    return new MigrationInfo(new BigDecimal("2025010100000" + i), "step " + i);
  }

  private static MigrationPlanner appliedUpTo(int n) {
    return new MigrationPlanner(SCRIPTS, SCRIPTS.subList(0, n));
  }

  @Test
  void headAppliesEveryPendingMigration() {
    assertEquals(SCRIPTS.subList(2, 5), appliedUpTo(2).upgrade(new Target.Head()));
    assertEquals(List.of(), appliedUpTo(5).upgrade(new Target.Head()));
  }

  @Test
  void plusNAppliesTheNextN() {
    assertEquals(List.of(m(3), m(4)), appliedUpTo(2).upgrade(new Target.Relative(2)));
  }

  @Test
  void plusAsManyAsArePendingAppliesThemAll() {
    assertEquals(List.of(m(4), m(5)), appliedUpTo(3).upgrade(new Target.Relative(2)));
  }

  @Test
  void plusNBeyondPendingIsRefused() {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> appliedUpTo(3).upgrade(new Target.Relative(5)));
    assertEquals("Cannot upgrade +5: only 2 migrations are pending (the database is at 20250101000003 (step 3)). Use"
        + " -Dtarget=head to apply all of them.", e.getMessage());
    assertEquals("Cannot upgrade +2: only 1 migration is pending (the database is at 20250101000004 (step 4)). Use"
        + " -Dtarget=head to apply all of them.", assertThrows(InvalidTargetException.class,
            () -> appliedUpTo(4).upgrade(new Target.Relative(2))).getMessage());
  }

  @Test
  void revisionIsIncluded() {
    assertEquals(List.of(m(2), m(3), m(4)), appliedUpTo(1).upgrade(new Target.Revision("20250101000004")));
    assertEquals(List.of(), appliedUpTo(4).upgrade(new Target.Revision("20250101000004")));
  }

  @Test
  void upgradeBelowCurrentIsRefused() {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> appliedUpTo(4).upgrade(new Target.Revision("20250101000002")));
    assertTrue(e.getMessage().contains("below the current migration")
        && e.getMessage().contains("mvn quantagent:downgrade -Dtarget=20250101000002"), e.getMessage());
  }

  @Test
  void unknownAndAmbiguousRevisionsAreRefused() {
    assertTrue(assertThrows(InvalidTargetException.class, () -> appliedUpTo(0).upgrade(new Target.Revision("1999")))
        .getMessage().contains("no migration has that id"));
    assertTrue(assertThrows(InvalidTargetException.class, () -> appliedUpTo(0).upgrade(new Target.Revision("2025")))
        .getMessage().contains("Give more digits"));
  }

  @Test
  void aSmallNumberThatIsNoIdIsAnsweredWithTheSignedCount() {
    assertEquals("Cannot upgrade to 2: it is the start of 5 migration ids ([20250101000001, 20250101000002,"
        + " 20250101000003, 20250101000004, 20250101000005]). Give more digits. For the next 2 pending, that is"
        + " -Dtarget=+2.", assertThrows(InvalidTargetException.class,
            () -> appliedUpTo(0).upgrade(new Target.Revision("2"))).getMessage());
    assertEquals("Cannot downgrade to 1: no migration has that id. mvn quantagent:history lists the ids. To undo the"
        + " last 1, that is -Dtarget=-1.", assertThrows(InvalidTargetException.class,
            () -> appliedUpTo(3).downgrade(new Target.Revision("1"))).getMessage());
    assertTrue(assertThrows(InvalidTargetException.class, () -> appliedUpTo(0).upgrade(new Target.Revision("1999")))
        .getMessage().endsWith("lists the ids."));
  }

  @Test
  void uniquePrefixSelectsTheMigration() {
    List<MigrationInfo> scripts = List.of(new MigrationInfo(new BigDecimal("20240101000000"), "a"),
        new MigrationInfo(new BigDecimal("20250101000000"), "b"));
    assertEquals(scripts, new MigrationPlanner(scripts, List.of()).upgrade(new Target.Revision("2025")));
  }

  @Test
  void downgradeMinusNUndoesTheNewestFirst() {
    assertEquals(List.of(m(4), m(3)), appliedUpTo(4).downgrade(new Target.Relative(2)));
    assertEquals(List.of(m(2), m(1)), appliedUpTo(2).downgrade(new Target.Relative(2)), "as many as are applied");
  }

  /** MyBatis' own numbering (1, 2, ... 10, 11): an id that starts other ids is still a target of its own. */
  @Test
  void anIdThatIsThePrefixOfOthersNamesItself() {
    List<MigrationInfo> scripts = List.of(new MigrationInfo(BigDecimal.ONE, "first"),
        new MigrationInfo(BigDecimal.TEN, "tenth"), new MigrationInfo(new BigDecimal("11"), "eleventh"));
    assertEquals(List.of(scripts.get(0)), new MigrationPlanner(scripts, List.of()).upgrade(new Target.Revision("1")));
    assertEquals(List.of(scripts.get(2), scripts.get(1)),
        new MigrationPlanner(scripts, scripts).downgrade(new Target.Revision("1")));
  }

  @Test
  void downgradePastBaseIsRefused() {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> appliedUpTo(1).downgrade(new Target.Relative(3)));
    assertEquals("Cannot downgrade -3: only 1 migration is applied (the database is at 20250101000001 (step 1)). Use"
        + " -Dtarget=base to undo all of them.", e.getMessage());
  }

  @Test
  void downgradeWithNothingAppliedSaysThereIsNothingToUndo() {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> appliedUpTo(0).downgrade(new Target.Relative(1)));
    assertEquals("Cannot downgrade -1: no migration is applied (the database is at base), so there is nothing to"
        + " undo. mvn quantagent:history shows where it stands.", e.getMessage());
  }

  @Test
  void plusNWithNothingPendingSaysThereIsNothingToApply() {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> appliedUpTo(5).upgrade(new Target.Relative(1)));
    assertEquals("Cannot upgrade +1: no migration is pending (the database is at " + m(5) + "), so there is nothing"
        + " to apply. mvn quantagent:create writes a new one.", e.getMessage());
  }

  @Test
  void downgradeToBaseUndoesAll() {
    assertEquals(List.of(m(3), m(2), m(1)), appliedUpTo(3).downgrade(new Target.Base()));
    assertEquals(List.of(), appliedUpTo(0).downgrade(new Target.Base()));
  }

  @Test
  void downgradeToRevisionKeepsIt() {
    assertEquals(List.of(m(4), m(3)), appliedUpTo(4).downgrade(new Target.Revision("20250101000002")));
  }

  @Test
  void downgradeToAPendingRevisionIsRefused() {
    InvalidTargetException e = assertThrows(InvalidTargetException.class,
        () -> appliedUpTo(2).downgrade(new Target.Revision("20250101000004")));
    assertTrue(e.getMessage().contains("not applied"), e.getMessage());
  }

  @Test
  void currentAndPending() {
    assertEquals(Optional.empty(), appliedUpTo(0).current());
    assertEquals(Optional.of(m(2)), appliedUpTo(2).current());
    assertEquals(3, appliedUpTo(2).pending().size());
  }
}
