package io.quantagent.migrations.schema;

/**
 * Where two multi-line definitions (a function, a view's query) first differ, in one line: the line number and the
 * two versions of that line, shortened around the first differing character when long.
 */
record DefinitionExcerpt(int line, String migrations, String database) {
  private static final int WIDTH = 100;
  private static final int LEAD = 30;

  static DefinitionExcerpt of(String migrations, String database) {
    String[] expected = migrations.split("\n", -1);
    String[] actual = database.split("\n", -1);
    int line = 0;
    while (line < expected.length && line < actual.length && expected[line].equals(actual[line])) {
      line++;
    }
    String e = line < expected.length ? expected[line].strip() : "";
    String a = line < actual.length ? actual[line].strip() : "";
    int from = Math.max(0, firstDifference(e, a) - LEAD);
    return new DefinitionExcerpt(line + 1, quoted(window(e, from)), quoted(window(a, from)));
  }

  /** The text on one line, blanks collapsed, shortened to about a hundred characters. */
  static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= WIDTH ? line : line.substring(0, WIDTH) + "...";
  }

  /** {@code "function definition differs at line 3"}. */
  String where(String what) {
    return what + " differs at line " + line;
  }

  private static int firstDifference(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private static String window(String text, int from) {
    if (from >= text.length() && !text.isEmpty()) {
      from = Math.max(0, text.length() - WIDTH);
    }
    String shown = text.substring(Math.min(from, text.length()), Math.min(text.length(), from + WIDTH));
    return (from > 0 ? "..." : "") + shown + (from + WIDTH < text.length() ? "..." : "");
  }

  private static String quoted(String text) {
    return text.isEmpty() ? "nothing" : "\"" + text + "\"";
  }
}
