package io.quantagent.migrations.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A script's two parts, each with the line of the file it starts on: the change, and what follows the
 * {@code -- //@UNDO} line. The marker is found as MyBatis' own reader finds it (a line of optional blanks, {@code --}
 * or {@code //}, blanks, {@code //}, blanks, {@code @UNDO}), so lint reads exactly the parts that run.
 */
record ScriptSections(Section change, Section undo) {

  /** Text of one part, and the file line its first line is. */
  record Section(String text, int firstLine, boolean isUndo) {}

  static ScriptSections of(String script) {
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (isUndoMarker(lines[i])) {
        return new ScriptSections(new Section(join(lines, 0, i), 1, false),
            new Section(join(lines, i + 1, lines.length), i + 2, true));
      }
    }
    return new ScriptSections(new Section(script, 1, false), null);
  }

  List<Section> both() {
    List<Section> sections = new ArrayList<>();
    sections.add(change);
    if (undo != null) {
      sections.add(undo);
    }
    return sections;
  }

  static boolean isUndoMarker(String line) {
    String rest = stripBlanks(line);
    if (!rest.startsWith("--") && !rest.startsWith("//")) {
      return false;
    }
    rest = stripBlanks(rest.substring(2));
    if (!rest.startsWith("//")) {
      return false;
    }
    return stripBlanks(rest.substring(2)).startsWith("@UNDO");
  }

  private static String stripBlanks(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(i);
  }

  private static String join(String[] lines, int from, int to) {
    return String.join("\n", Arrays.copyOfRange(lines, from, to));
  }
}
