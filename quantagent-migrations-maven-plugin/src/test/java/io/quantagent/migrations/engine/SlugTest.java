package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Add risk_level column to trades | add_risk_level_column_to_trades",
      "Añadir índice a órdenes | anadir_indice_a_ordenes",
      "a/b\\c:d*e?f | a_b_c_d_e_f",
  })
  void makesSafeFileNames(String description, String slug) {
    assertEquals(slug, Slug.of(description));
  }

  @Test
  void longDescriptionsAreCut() {
    String slug = Slug.of("word ".repeat(60));
    assertTrue(slug.length() <= Slug.MAX_LENGTH && !slug.endsWith("_"), slug);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "日本語のみ", "!!!", "two\nlines", "../x", "../../etc/passwd", "/tmp/x", "~/x",
      "C:\\Users\\John Doe\\x", "d:/work/x", "\\\\server\\share\\x"})
  void refusesDescriptionsWithNothingUsable(String description) {
    assertThrows(InvalidScriptException.class, () -> Slug.of(description));
  }

  @Test
  void refusesAbsurdlyLongDescriptions() {
    assertThrows(InvalidScriptException.class, () -> Slug.of("x".repeat(501)));
    assertEquals(Slug.of("x".repeat(100)), Slug.of("x".repeat(500)), "500 characters are still taken, and cut");
  }

  /** What the ITs that ran these through Maven asserted; one IT (bad-desc-path) keeps the Maven path. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL          | The description is empty.",
      "'   '         | The description is empty.",
      "日本語        | has no letters or digits that can go in a file name",
      "../x          | The description '../x' looks like a path"})
  void refusalsSayWhatWasWrong(String description, String says) {
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> Slug.of(description));
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void aTooLongDescriptionIsMeasured() {
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> Slug.of("x".repeat(600)));
    assertTrue(e.getMessage().contains("The description is 600 characters long"), e.getMessage());
  }
}
