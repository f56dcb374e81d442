package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.ibatis.migration.Change;
import org.junit.jupiter.api.Test;

/** MyBatis' operations sort, reverse and search the list; each answer must be the one an ArrayList gives. */
class IndexedChangesTest {
  private static Change change(String id) {
    return new Change(new BigDecimal(id));
  }

  private static List<Change> lookups() {
    return List.of(change("1"), change("2"), change("10"), change("20250201000001"), change("3"), change("1.0"),
        change("99"));
  }

  private static void assertLooksUpAsAnArrayList(List<Change> expected, List<Change> actual) {
    assertEquals(expected, actual);
    for (Change wanted : lookups()) {
      assertEquals(expected.indexOf(wanted), actual.indexOf(wanted), "indexOf " + wanted.getId());
      assertEquals(expected.contains(wanted), actual.contains(wanted), "contains " + wanted.getId());
    }
  }

  @Test
  void findsWhatAnArrayListFindsAsWrittenSortedAndReversed() {
    List<Change> written = List.of(change("10"), change("2"), change("20250201000001"), change("1"));
    List<Change> expected = new ArrayList<>(written);
    List<Change> indexed = new IndexedChanges(written);
    assertLooksUpAsAnArrayList(expected, indexed);

    Collections.sort(expected);
    Collections.sort(indexed);
    assertLooksUpAsAnArrayList(expected, indexed);

    Collections.reverse(expected);
    Collections.reverse(indexed);
    assertLooksUpAsAnArrayList(expected, indexed);
  }

  @Test
  void anIdWithAnotherScaleIsAnotherChangeAsInMyBatis() {
    List<Change> indexed = new IndexedChanges(List.of(change("1"), change("2")));
    assertEquals(0, indexed.indexOf(change("1")));
    assertEquals(-1, indexed.indexOf(change("1.0")), "Change.equals compares BigDecimal ids with their scale");
    assertFalse(indexed.contains("1"), "not a Change");
  }

  @Test
  void aRepeatedIdIsFoundWhereItFirstComes() {
    List<Change> written = List.of(change("2"), change("1"), change("2"));
    assertLooksUpAsAnArrayList(new ArrayList<>(written), new IndexedChanges(written));
  }

  @Test
  void findsWhatWasAddedOrRemovedAfterALookup() {
    List<Change> expected = new ArrayList<>(List.of(change("1"), change("2")));
    List<Change> indexed = new IndexedChanges(expected);
    assertTrue(indexed.contains(change("2")));

    expected.add(0, change("3"));
    indexed.add(0, change("3"));
    assertLooksUpAsAnArrayList(expected, indexed);
    expected.remove(change("2"));
    indexed.remove(change("2"));
    assertLooksUpAsAnArrayList(expected, indexed);
    assertEquals(expected.remove(0), indexed.remove(0), "the change removed at an index is given back");
    assertLooksUpAsAnArrayList(expected, indexed);
  }
}
