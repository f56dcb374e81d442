package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.CurrentState;
import io.quantagent.migrations.engine.HistoryEntry;
import io.quantagent.migrations.engine.Integrity;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.UpgradeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How results read on the console; for {@code current} and {@code history} this text is the product. */
final class ResultText {
  private ResultText() {}

  static String upgrade(UpgradeResult result) {
    if (result.changedNothing()) {
      return "Nothing to upgrade: the database is at " + position(result.to()) + ".";
    }
    return "Upgraded " + count(result.runs().size()) + " in " + result.took().toMillis() + " ms: "
        + position(result.from()) + " -> " + position(result.to()) + ".";
  }

  static String downgrade(UpgradeResult result) {
    if (result.changedNothing()) {
      return "Nothing to downgrade: the database is at " + position(result.to()) + ".";
    }
    return "Downgraded " + count(result.runs().size()) + " in " + result.took().toMillis() + " ms: "
        + position(result.from()) + " -> " + position(result.to()) + ".";
  }

  static List<String> current(CurrentState state) {
    List<String> lines = new ArrayList<>();
    lines.add("Current: " + position(state.current()));
    lines.add(state.pending() == 0 ? "Pending: none (at head)" : "Pending: " + count(state.pending()));
    return lines;
  }

  /**
   * One block, as Flyway's info prints its table: a title, then the table at the line's start, so its columns align
   * and copy cleanly, and Maven's console flushes once, not twice per row (at 10,000 rows, 31 ms against 49).
   */
  static String history(List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return "No migrations: no scripts and an empty changelog.";
    }
    long pending = entries.stream().filter(HistoryEntry::pending).count();
    StringBuilder text = new StringBuilder(128 + 80 * entries.size());
    text.append("History, oldest first: ").append(count(entries.size())).append(", ")
        .append(entries.size() - pending).append(" applied, ").append(pending).append(" pending\n")
        .append(historyRow("ID", "APPLIED AT", "CHECKSUM", "DESCRIPTION"));
    for (HistoryEntry entry : entries) {
      text.append('\n').append(historyRow(entry.migration().idText(), entry.appliedAt().orElse("pending"),
          checksum(entry.integrity()), entry.migration().description()));
      if (entry.current()) {
        text.append("  <- current");
      }
      if (!entry.scriptPresent()) {
        text.append("  !! no script: in the changelog only");
      }
    }
    return text.toString();
  }

  /** What String.format("%-16s %-21s %-10s %s") makes, without parsing the format 10,000 times for a history. */
  private static String historyRow(String id, String appliedAt, String checksum, String description) {
    StringBuilder row = new StringBuilder(64 + description.length());
    padded(row, id, 16);
    padded(row, appliedAt, 21);
    padded(row, checksum, 10);
    return row.append(description).toString();
  }

  private static void padded(StringBuilder row, String cell, int width) {
    row.append(cell).append(" ".repeat(Math.max(0, width - cell.length()))).append(' ');
  }

  private static String checksum(Integrity integrity) {
    return switch (integrity) {
      case OK -> "ok";
      case EDITED -> "EDITED";
      case UNRECORDED -> "unknown";
      case NO_SCRIPT, PENDING -> "-";
    };
  }

  private static String position(Optional<MigrationInfo> migration) {
    return migration.map(MigrationInfo::toString).orElse("base");
  }

  private static String count(int migrations) {
    return migrations + " migration" + (migrations == 1 ? "" : "s");
  }
}
