package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.MigrationRun;
import io.quantagent.migrations.engine.UpgradeResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** upgrade's and downgrade's summary line says how long the run took, not the sum of the migrations' shares. */
class UpgradeTextTest {
  private static final MigrationInfo FIRST = new MigrationInfo(new BigDecimal("20250101000001"), "create orders");
  private static final MigrationInfo SECOND = new MigrationInfo(new BigDecimal("20250101000002"), "create fills");
  // Two migrations sent together: each run holds half of one 4 ms round trip, and the run took 1.5 s in all.
  private static final List<MigrationRun> SHARED = List.of(
      new MigrationRun(FIRST, Duration.ofMillis(2)), new MigrationRun(SECOND, Duration.ofMillis(2)));

  @Test
  void anUpgradeSaysHowLongTheRunTook() {
    UpgradeResult result = new UpgradeResult(SHARED, Optional.empty(), Optional.of(SECOND), Duration.ofMillis(1500));
    assertEquals("Upgraded 2 migrations in 1500 ms: base -> 20250101000002 (create fills).",
        ResultText.upgrade(result));
  }

  @Test
  void aDowngradeSaysHowLongTheRunTook() {
    List<MigrationRun> undone = List.of(SHARED.get(1), SHARED.get(0));
    UpgradeResult result = new UpgradeResult(undone, Optional.of(SECOND), Optional.empty(), Duration.ofMillis(1500));
    assertEquals("Downgraded 2 migrations in 1500 ms: 20250101000002 (create fills) -> base.",
        ResultText.downgrade(result));
  }
}
