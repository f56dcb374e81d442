package io.quantagent.migrations.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scripts that look unfinished, which MyBatis would run without a word: one still holding a placeholder line of
 * create's template, a change without any statement (upgrade records it and changes nothing), an {@code @UNDO}
 * section without any statement (downgrade records the undo and leaves the change), unless that section says
 * {@code -- quantagent:no-undo}.
 */
final class UnfinishedScripts {
  // This version's placeholders and the ones earlier versions of create wrote.
  private static final Set<String> PLACEHOLDERS = Set.of(ScriptCreator.CHANGE_PLACEHOLDER,
      ScriptCreator.UNDO_PLACEHOLDER, "-- The change: statements end with ';' at the end of a line.",
      "-- What exactly reverses the change above.");

  private final ScriptSource source;

  UnfinishedScripts(ScriptSource source) {
    this.source = source;
  }

  /** One line per unfinished script among these, naming the file and everything unfinished in it. */
  List<String> findings(List<MigrationInfo> migrations, boolean undoOnly) {
    List<String> findings = new ArrayList<>();
    for (MigrationInfo migration : migrations) {
      List<String> found = undoOnly ? emptyUndo(migration) : all(migration);
      if (!found.isEmpty()) {
        findings.add(source.filename(migration) + " looks unfinished: " + String.join("; ", found) + ".");
      }
    }
    return findings;
  }

  private List<String> all(MigrationInfo migration) {
    List<String> found = new ArrayList<>();
    List<String> lines = source.loader().text(source.filename(migration)).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (PLACEHOLDERS.contains(lines.get(i).strip())) {
        found.add("line " + (i + 1) + " is create's placeholder; write what it asks for in its place");
      }
    }
    if (PostgresScriptSplitter.split(source.section(migration, false)).isEmpty()) {
      found.add("it has no statement before -- //@UNDO, so upgrade would record it as applied and change nothing");
    }
    found.addAll(emptyUndo(migration));
    return found;
  }

  private List<String> emptyUndo(MigrationInfo migration) {
    String undo = source.section(migration, true);
    if (PostgresScriptSplitter.split(undo).isEmpty() && !DirectiveComments.of(undo).noUndo()) {
      return List.of("its -- //@UNDO section has no statement, so downgrade would record it as undone and leave its"
          + " change in place (write -- quantagent:no-undo there if it cannot be undone)");
    }
    return List.of();
  }
}
