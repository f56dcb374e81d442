package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.HistoryEntry;
import io.quantagent.migrations.engine.Integrity;
import io.quantagent.migrations.engine.MigrationInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * history's text: a title with the counts, then one aligned column each for id, applied at and checksum, then the
 * description and any mark; one block, logged at once.
 */
class HistoryTextTest {
  private static MigrationInfo migration(String id, String description) {
    return new MigrationInfo(new BigDecimal(id), description);
  }

  @Test
  void columnsAlignAndMarksFollowTheDescription() {
    List<HistoryEntry> entries = List.of(
        new HistoryEntry(migration("20250101000001", "create orders"), Optional.of("2026-12-01 22:16:40"),
            Integrity.OK, false),
        new HistoryEntry(migration("20250101000002", "create fills"), Optional.of("2026-12-01 22:16:41"),
            Integrity.EDITED, true),
        new HistoryEntry(migration("20250101000003", "dropped since"), Optional.of("2026-12-01 22:16:42"),
            Integrity.NO_SCRIPT, false),
        new HistoryEntry(migration("20250101000004", "create trades"), Optional.empty(), Integrity.PENDING, false));
    assertEquals("""
        History, oldest first: 4 migrations, 3 applied, 1 pending
        ID               APPLIED AT            CHECKSUM   DESCRIPTION
        20250101000001   2026-12-01 22:16:40   ok         create orders
        20250101000002   2026-12-01 22:16:41   EDITED     create fills  <- current
        20250101000003   2026-12-01 22:16:42   -          dropped since  !! no script: in the changelog only
        20250101000004   pending               -          create trades""", ResultText.history(entries));
  }

  @Test
  void aLongerValueWidensItsColumnForItsLineOnly() {
    List<HistoryEntry> entries = List.of(new HistoryEntry(migration("1234567890123456789", "long id"),
        Optional.empty(), Integrity.PENDING, false));
    assertEquals("1234567890123456789 pending               -          long id",
        ResultText.history(entries).lines().toList().get(2));
  }

  @Test
  void noScriptsAndAnEmptyChangelogSaySo() {
    assertEquals("No migrations: no scripts and an empty changelog.", ResultText.history(List.of()));
  }
}
