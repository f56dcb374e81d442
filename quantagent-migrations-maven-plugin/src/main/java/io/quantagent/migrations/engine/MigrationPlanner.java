package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Target arithmetic: which migrations a target means, given the scripts and what the changelog says is
 * applied. Pure logic, so every unreachable target is refused before anything touches the database.
 */
public final class MigrationPlanner {
  private final List<MigrationInfo> scripts;
  private final List<MigrationInfo> applied;

  /** Both lists sorted by id. */
  public MigrationPlanner(List<MigrationInfo> scripts, List<MigrationInfo> applied) {
    this.scripts = List.copyOf(scripts);
    this.applied = List.copyOf(applied);
  }

  public Optional<MigrationInfo> current() {
    return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
  }

  /** Scripts after the current migration, in the order upgrade applies them. */
  public List<MigrationInfo> pending() {
    BigDecimal after = current().map(MigrationInfo::id).orElse(null);
    return scripts.stream().filter(s -> after == null || s.id().compareTo(after) > 0).toList();
  }

  /** The migrations {@code upgrade} applies for {@code target}, in order; empty when already there. */
  public List<MigrationInfo> upgrade(Target target) {
    List<MigrationInfo> pending = pending();
    if (target instanceof Target.Head) {
      return pending;
    }
    if (target instanceof Target.Relative relative) {
      if (pending.isEmpty()) {
        throw new InvalidTargetException("Cannot upgrade +" + relative.steps() + ": no migration is pending"
            + describeCurrent() + ", so there is nothing to apply. mvn quantagent:create writes a new one.");
      }
      if (relative.steps() > pending.size()) {
        throw new InvalidTargetException("Cannot upgrade +" + relative.steps() + ": only " + pending.size()
            + " migration" + (pending.size() == 1 ? " is" : "s are") + " pending" + describeCurrent()
            + ". Use -Dtarget=head to apply all of them.");
      }
      return pending.subList(0, relative.steps());
    }
    MigrationInfo wanted = find(((Target.Revision) target).idPrefix(), scripts, "upgrade");
    Optional<MigrationInfo> current = current();
    if (current.isPresent() && wanted.compareTo(current.get()) <= 0) {
      if (wanted.equals(current.get())) {
        return List.of();
      }
      throw new InvalidTargetException("Cannot upgrade to " + wanted + ": it is below the current migration "
          + current.get() + ". To go back, run mvn quantagent:downgrade -Dtarget=" + wanted.idText() + ".");
    }
    return pending.stream().filter(m -> m.compareTo(wanted) <= 0).toList();
  }

  /** The migrations {@code downgrade} undoes for {@code target}, newest first; empty when already there. */
  public List<MigrationInfo> downgrade(Target target) {
    List<MigrationInfo> newestFirst = new ArrayList<>(applied);
    Collections.reverse(newestFirst);
    if (target instanceof Target.Base) {
      return newestFirst;
    }
    if (target instanceof Target.Relative relative) {
      if (applied.isEmpty()) {
        throw new InvalidTargetException("Cannot downgrade -" + relative.steps() + ": no migration is applied (the"
            + " database is at base), so there is nothing to undo. mvn quantagent:history shows where it stands.");
      }
      if (relative.steps() > applied.size()) {
        throw new InvalidTargetException("Cannot downgrade -" + relative.steps() + ": only " + applied.size()
            + " migration" + (applied.size() == 1 ? " is" : "s are") + " applied" + describeCurrent()
            + ". Use -Dtarget=base to undo all of them.");
      }
      return newestFirst.subList(0, relative.steps());
    }
    String prefix = ((Target.Revision) target).idPrefix();
    MigrationInfo wanted = find(prefix, scripts, "downgrade");
    if (!applied.contains(wanted)) {
      throw new InvalidTargetException("Cannot downgrade to " + wanted + ": it is not applied" + describeCurrent()
          + ". A downgrade target must be an applied migration (it stays applied); -Dtarget=base undoes all.");
    }
    return newestFirst.stream().filter(m -> m.compareTo(wanted) > 0).toList();
  }

  private String describeCurrent() {
    return current().map(c -> " (the database is at " + c + ")").orElse(" (the database is at base)");
  }

  /** A small number that is no id is a count without its sign, as Alembic's {@code upgrade +2} and {@code downgrade -1}. */
  private static String countMeant(String prefix, String goal) {
    if (!prefix.matches("[1-9][0-9]{0,2}")) {
      return "";
    }
    return switch (goal) {
      case "upgrade" -> " For the next " + prefix + " pending, that is -Dtarget=+" + prefix + ".";
      case "downgrade" -> " To undo the last " + prefix + ", that is -Dtarget=-" + prefix + ".";
      default -> "";
    };
  }

  /** The script whose id is {@code prefix}, or starts with it when only one does. */
  MigrationInfo find(String prefix, String goal) {
    return find(prefix, scripts, goal);
  }

  private static MigrationInfo find(String prefix, List<MigrationInfo> known, String goal) {
    List<MigrationInfo> matches = known.stream().filter(m -> m.idText().startsWith(prefix)).toList();
    if (matches.isEmpty()) {
      throw new InvalidTargetException("Cannot " + goal + " to " + prefix + ": no migration has that id."
          + " mvn quantagent:history lists the ids." + countMeant(prefix, goal));
    }
    if (matches.size() > 1 && matches.stream().noneMatch(m -> m.idText().equals(prefix))) {
      throw new InvalidTargetException("Cannot " + goal + " to " + prefix + ": it is the start of "
          + matches.size() + " migration ids (" + matches.stream().map(MigrationInfo::idText).toList()
          + "). Give more digits." + countMeant(prefix, goal));
    }
    return matches.stream().filter(m -> m.idText().equals(prefix)).findFirst().orElse(matches.get(0));
  }
}
