package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.ibatis.migration.Change;

/**
 * The changelog read once, side by side with the scripts: what is applied and when, and whether each
 * applied script is still there and unchanged.
 */
final class ChangelogState {
  private final ScriptSource source;
  private final List<MigrationInfo> scripts;
  private final Map<MigrationInfo, MigrationInfo> scriptsByMigration = new HashMap<>();
  private final Map<MigrationInfo, String> appliedAt = new LinkedHashMap<>();
  private final Map<BigDecimal, String> checksums;

  private ChangelogState(ScriptSource source, List<MigrationInfo> scripts, List<Change> applied,
      Map<BigDecimal, String> checksums) {
    this.source = source;
    this.scripts = scripts;
    scripts.forEach(script -> scriptsByMigration.putIfAbsent(script, script));
    applied.stream().sorted().forEach(c -> appliedAt.put(MigrationInfo.of(c), c.getAppliedTimestamp()));
    this.checksums = checksums;
  }

  static ChangelogState read(ScriptSource source, List<MigrationInfo> scripts, Changelog changelog)
      throws SQLException {
    return new ChangelogState(source, scripts, changelog.applied(), changelog.checksums());
  }

  List<MigrationInfo> applied() {
    return new ArrayList<>(appliedAt.keySet());
  }

  boolean isApplied(MigrationInfo migration) {
    return appliedAt.containsKey(migration);
  }

  MigrationPlanner planner() {
    return new MigrationPlanner(scripts, applied());
  }

  Integrity integrity(MigrationInfo migration) {
    if (!appliedAt.containsKey(migration)) {
      return Integrity.PENDING;
    }
    if (!scriptsByMigration.containsKey(migration)) {
      return Integrity.NO_SCRIPT;
    }
    String recorded = checksums.get(migration.id().stripTrailingZeros());
    if (recorded == null) {
      return Integrity.UNRECORDED;
    }
    return recorded.equals(source.checksum(migration)) ? Integrity.OK : Integrity.EDITED;
  }

  /** Applied migrations whose script was edited or is gone, each said with what to do. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (MigrationInfo migration : appliedAt.keySet()) {
      switch (integrity(migration)) {
        case EDITED -> problems.add(source.filename(migration) + " was edited after it was applied on "
            + appliedAt.get(migration) + ". Undo the edit (changes go in a new migration: mvn quantagent:create),"
            + " or, if the edit was deliberate and the database already matches it, run mvn quantagent:repair.");
        case NO_SCRIPT -> problems.add(migration + " is applied (on " + appliedAt.get(migration)
            + ") but its script is not in " + source.location() + ". Restore the script from version control.");
        default -> { }
      }
    }
    return problems;
  }

  /**
   * Scripts below the current migration that never ran, each said with what to do: a merge brings one in when a
   * branch's newer migration was applied first, and upgrade, which applies only what comes after the current one,
   * would pass it over for good.
   */
  List<String> passedOver() {
    Optional<MigrationInfo> current = planner().current();
    return scripts.stream()
        .filter(script -> current.isPresent() && !isApplied(script) && script.compareTo(current.get()) < 0)
        .map(script -> source.filename(script) + " is older than the current migration " + current.get() + " but was"
            + " never applied (as when a merge brings it in after a newer migration ran), and upgrade applies none"
            + " below the current one. Rename it to an id after " + current.get().idText() + " (the UTC time now,"
            + " yyyyMMddHHmmss, as mvn quantagent:create names scripts), then run mvn quantagent:upgrade.")
        .toList();
  }

  List<HistoryEntry> history() {
    TreeSet<MigrationInfo> all = new TreeSet<>(appliedAt.keySet());
    all.addAll(scripts);
    MigrationInfo current = planner().current().orElse(null);
    List<HistoryEntry> entries = new ArrayList<>();
    for (MigrationInfo migration : all) {
      MigrationInfo described = scriptsByMigration.getOrDefault(migration, migration);
      entries.add(new HistoryEntry(described, Optional.ofNullable(appliedAt.get(migration)),
          integrity(migration), migration.equals(current)));
    }
    return entries;
  }
}
