package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DefinitionExcerptTest {
  @Test
  void firstDifferingLineStripped() {
    assertEquals(new DefinitionExcerpt(2, "\"return 1;\"", "\"return 2;\""),
        DefinitionExcerpt.of("begin\n  return 1;\nend", "begin\n  return 2;\nend"));
  }

  @Test
  void aLineOnlyOneSideHas() {
    assertEquals(new DefinitionExcerpt(2, "nothing", "\"end\""), DefinitionExcerpt.of("begin", "begin\nend"));
  }

  @Test
  void longLinesAreShownAroundTheirFirstDifference() {
    String head = "x".repeat(200); // the first difference, at 209, is shown with the 30 characters before it
    DefinitionExcerpt excerpt = DefinitionExcerpt.of(head + " AND a > 1 " + "y".repeat(200), head + " AND a > 2 " + "y".repeat(200));
    assertEquals("\"..." + "x".repeat(21) + " AND a > 1 " + "y".repeat(68) + "...\"", excerpt.migrations());
    assertEquals("\"..." + "x".repeat(21) + " AND a > 2 " + "y".repeat(68) + "...\"", excerpt.database());
  }

  @Test
  void oneLineSummary() {
    assertEquals("SELECT id FROM public.t WHERE a > 1;", DefinitionExcerpt.oneLine(" SELECT id\n   FROM public.t\n  WHERE a > 1;"));
    assertEquals("a".repeat(100) + "...", DefinitionExcerpt.oneLine("a".repeat(150)));
  }
}
