package io.quantagent.migrations.lint;

import java.util.List;

/**
 * What one statement of a pending script did on the scratch database: the tables that existed before it and that it
 * locked, rewrote or scanned; or that it ran outside a transaction (its locks ended with it, unseen); or how it
 * failed (then nothing after it was proven).
 */
public record ProvenStatement(String file, int line, String firstLine, List<LockedTable> tables,
    boolean outsideTransaction, String failure) {

  /** The strongest lock of the statement on any existing table, or null. */
  public LockMode strongest() {
    return tables.stream().map(LockedTable::mode).filter(m -> m != null).max(Enum::compareTo).orElse(null);
  }

  public LockedTable table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  /** {@code 20260102000000 line 3: ACCESS EXCLUSIVE on trades (rewrite, ~12,000,000 rows)}. */
  public String describe() {
    String where = migration() + " line " + line + ": ";
    if (failure != null) {
      return where + "failed on the scratch database (" + failure + "); what follows was not proven";
    }
    if (outsideTransaction) {
      return where + "ran outside a transaction (" + firstLine + "): its locks ended with it and are not shown";
    }
    StringBuilder text = new StringBuilder(where);
    for (int i = 0; i < tables.size(); i++) {
      text.append(i == 0 ? "" : "; ").append(tables.get(i).describe());
    }
    LockMode strongest = strongest();
    if (strongest != null && strongest.blocksWrites()) {
      text.append(" - blocks ").append(strongest.blocks()).append(" until the migration commits");
    }
    return text.toString();
  }

  /** The script's id, or its file name when that has none. */
  private String migration() {
    int underscore = file.indexOf('_');
    String id = underscore > 0 ? file.substring(0, underscore) : file;
    return id.chars().allMatch(Character::isDigit) ? id : file;
  }
}
