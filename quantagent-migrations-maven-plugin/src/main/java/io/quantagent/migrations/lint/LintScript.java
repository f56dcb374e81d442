package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.InvalidScriptException;
import io.quantagent.migrations.engine.ScriptFileName;
import io.quantagent.migrations.engine.ScriptSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One migration script to lint: its file name (as findings name it) and its whole text. */
public record LintScript(String filename, String text) {

  /** Every script of the source, in the order they run (by id; names that carry no id last, by name). */
  public static List<LintScript> all(ScriptSource source) {
    List<LintScript> scripts = new ArrayList<>();
    for (String filename : source.loader().filenames()) {
      scripts.add(new LintScript(filename, source.loader().text(filename)));
    }
    scripts.sort(Comparator.comparing(LintScript::id, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(LintScript::filename));
    return scripts;
  }

  BigDecimal id() {
    try {
      return ScriptFileName.parse(filename).id();
    } catch (InvalidScriptException e) {
      return null;
    }
  }
}
