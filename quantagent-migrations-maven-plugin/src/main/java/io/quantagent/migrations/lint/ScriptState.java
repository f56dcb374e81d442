package io.quantagent.migrations.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What lint remembers while it reads one script: the tables the script created (new tables have no
 * readers, so lock rules stay silent on them; the {@code @UNDO} part sees the change's too), the columns its change
 * added to existing tables (which its {@code @UNDO} part drops as its job), and, per part, the constraints added NOT
 * VALID and whether a lock timeout is set.
 */
final class ScriptState {
  private final Set<String> createdTables;
  private final Set<String> addedColumns;
  private final Map<String, TableConstraint.Kind> notValidConstraints = new HashMap<>();
  private boolean timeoutSet;
  private boolean timeoutReported;

  ScriptState() {
    this(new HashSet<>(), new HashSet<>());
  }

  private ScriptState(Set<String> createdTables, Set<String> addedColumns) {
    this.createdTables = createdTables;
    this.addedColumns = addedColumns;
  }

  /** The state the {@code @UNDO} part starts from: what the change created, nothing else. */
  ScriptState forUndo() {
    return new ScriptState(createdTables, addedColumns);
  }

  /** Whether this script's change added the column (to a table that existed before it). */
  boolean columnAddedHere(RelationName table, String column) {
    return table != null && column != null && addedColumns.contains(table.key() + "." + column);
  }

  boolean createdHere(RelationName table) {
    return table != null && createdTables.contains(table.key());
  }

  void created(ParsedStatement statement) {
    if (statement instanceof ParsedStatement.CreateTable create && create.table() != null) {
      createdTables.add(create.table().key());
    } else if (statement instanceof ParsedStatement.AlterTable alter && alter.table() != null) {
      for (ParsedStatement.AlterAction action : alter.actions()) {
        if (action instanceof ParsedStatement.AlterAction.RenameTable rename && rename.to() != null
            && createdHere(alter.table())) {
          createdTables.add(new RelationName(alter.table().schema(), rename.to()).key());
        } else if (action instanceof ParsedStatement.AlterAction.AddColumn add && add.column() != null) {
          addedColumns.add(alter.table().key() + "." + add.column().name());
        }
      }
    }
  }

  void addedNotValid(String constraint, TableConstraint.Kind kind) {
    notValidConstraints.put(constraint, kind);
  }

  /** The kind of a constraint this part added NOT VALID, or null. */
  TableConstraint.Kind addedNotValidHere(String constraint) {
    return notValidConstraints.get(constraint);
  }

  boolean timeoutSet() {
    return timeoutSet;
  }

  void timeoutSet(boolean set) {
    timeoutSet = set;
  }

  /** True the first time only: the missing-timeout finding is made once per part. */
  boolean reportTimeoutOnce() {
    boolean first = !timeoutReported;
    timeoutReported = true;
    return first;
  }
}
