package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.schema.ObjectKind;
import io.quantagent.migrations.schema.SchemaDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How {@code diff} reads: differences grouped by kind of object, warnings apart. */
final class DriftText {
  private DriftText() {}

  /** {@code pending}: migrations not applied yet, said first, as the comparison leaves them out. */
  static List<String> lines(Optional<MigrationInfo> revision, List<MigrationInfo> pending,
      List<SchemaDifference> differences) {
    String at = revision.map(MigrationInfo::toString).orElse("base");
    List<String> lines = new ArrayList<>();
    if (!pending.isEmpty()) {
      lines.add(pending.size() + " migration" + (pending.size() == 1 ? " is" : "s are") + " pending ("
          + String.join(", ", pending.stream().map(MigrationInfo::toString).toList()) + "): this compares with what"
          + " the migrations build up to " + at + ", the database's revision; mvn quantagent:upgrade applies "
          + (pending.size() == 1 ? "it." : "them."));
    }
    List<SchemaDifference> real = differences.stream().filter(d -> !d.isWarning()).toList();
    if (real.isEmpty()) {
      lines.add("No drift: the database's schema is what the migrations build up to " + at + ".");
      return lines;
    }
    lines.add(real.size() + " difference" + (real.size() == 1 ? "" : "s") + " from what the migrations build up to "
        + at + ":");
    ObjectKind kind = null;
    for (SchemaDifference difference : real) {
      if (difference.kind() != kind) {
        kind = difference.kind();
        lines.add("  " + kind.label() + ":");
      }
      lines.add("    " + difference.describe());
    }
    return lines;
  }
}
